"""TCVN-3 (VN3) code tables and Vietnamese glyphs for the virtual ESC/POS printer (escpos_printer.py).

Written from the VN3 table layout, independently of the Swift encoder. ESC t 30 selects the table with ASCII,
the lower-case letters with their tones and the seven capitals without tone (Ă Â Ê Ô Ơ Ư Đ); ESC t 31 selects
the capital table, which has the upper-case letters at the codes of their lower-case forms.

Glyphs: a printer draws each precomposed letter as one 12x24 cell. The sim composes the cell from its ASCII glyph
(the base letter) and drawn marks (breve, circumflex, horn, stroke, and the five tones), so a ticket PNG shows the
letters the printer would print.
"""
import unicodedata

# Table 30 beyond ASCII: code -> character.
_CAPS = {0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
         0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ'}
# Runs of consecutive codes holding toned lower-case letters (grave, hook, tilde, acute, dot below order).
_RUNS = [(0xB5, 'àảãáạ'), (0xBB, 'ằẳẵắ'), (0xC6, 'ặ'), (0xC7, 'ầẩẫấậ'), (0xCC, 'è'), (0xCE, 'ẻẽéẹ'),
         (0xD2, 'ềểễếệ'), (0xD7, 'ìỉ'), (0xDC, 'ĩíị'), (0xDF, 'ò'), (0xE1, 'ỏõóọ'), (0xE5, 'ồổỗốộ'),
         (0xEA, 'ờởỡớợ'), (0xEF, 'ù'), (0xF1, 'ủũúụ'), (0xF5, 'ừửữứự'), (0xFA, 'ỳỷỹýỵ')]

TABLE_30 = dict(_CAPS)
TABLE_31 = {}
for start, letters in _RUNS:
    for i, ch in enumerate(letters):
        TABLE_30[start + i] = ch
        TABLE_31[start + i] = ch.upper()
TABLES = {30: TABLE_30, 31: TABLE_31}


def decode(byte, table):
    """The character `byte` stands for under ESC t `table`; None when the table has nothing there."""
    if 0x20 <= byte < 0x7F:
        return chr(byte)
    t = TABLES.get(table)
    if t is None:
        return None
    return t.get(byte)


# Marks, 3 rows of 7 dots ('#'), drawn above (or below) the base letter's ink.
_MARKS = {
    '\u0300': ['##.....', '.##....', '..##...'],     # grave
    '\u0301': ['....##.', '...##..', '..##...'],     # acute
    '\u0303': ['.##..#.', '#..##..', '.......'],     # tilde
    '\u0309': ['.###...', '....#..', '..##...'],     # hook above
    '\u0302': ['...#...', '..#.#..', '.#...#.'],     # circumflex
    '\u0306': ['.#...#.', '..###..', '.......'],     # breve
    '\u0323': ['..##...', '..##...', '.......'],     # dot below
}
_TONES = {'\u0300', '\u0301', '\u0303', '\u0309'}


def _top_bottom(glyph):
    rows = [i for i, bits in enumerate(glyph) if bits]
    return (rows[0], rows[-1]) if rows else (8, 18)


def _put(rows, mark, top, left):
    for dy, line in enumerate(mark):
        y = top + dy
        if not 0 <= y < len(rows):
            continue
        for dx, c in enumerate(line):
            for x in (left + dx, left + dx + 1):         # two dots wide, like the bold font
                if c == '#' and 0 <= x < 12:
                    rows[y] |= 1 << (11 - x)


def compose(ch, glyphs):
    """24 rows of 12 bits for the Vietnamese letter `ch`, or None when `ch` is not a Latin letter with marks."""
    if ch in 'đĐ':
        base, marks = ('d' if ch == 'đ' else 'D'), ['stroke']
    else:
        nfd = unicodedata.normalize('NFD', ch)
        base, marks = nfd[0], list(nfd[1:])
    glyph = glyphs.get(ord(base))
    if glyph is None or not marks or not all(m in _MARKS or m in ('\u031b', 'stroke') for m in marks):
        return None
    rows = list(glyph)
    x_top = _top_bottom(glyphs[ord('x')])[0]
    upper = [m for m in marks if m in _MARKS and m != '\u0323']
    if base == 'i' and upper:                          # dotless i under a tone
        rows = [0 if y < x_top else bits for y, bits in enumerate(rows)]
    top, bottom = _top_bottom(rows)
    if '\u031b' in marks:                              # horn: a hook off the top right
        _put(rows, ['......#', '.....#.'], top - 2, 5)
    if 'stroke' in marks:
        if base == 'd':
            _put(rows, ['#######'], top + 2, 5)
        else:
            _put(rows, ['####'], (top + bottom) // 2, 0)
    if '\u0323' in marks:
        _put(rows, _MARKS['\u0323'], bottom + 2, 3)
    shapes = [m for m in upper if m not in _TONES]
    tones = [m for m in upper if m in _TONES]
    if shapes and tones:                               # circumflex/breve on the left, the tone to its right
        _put(rows, _MARKS[shapes[0]], top - 4, 0)
        _put(rows, _MARKS[tones[0]], top - 4, 5)
    elif upper:
        _put(rows, _MARKS[upper[0]], top - 4, 2)
    return tuple(rows)
