#!/usr/bin/env bash
# Generates the PLACEHOLDER Khmer clip set: every Khmer word and phrase a call uses, spoken by espeak-ng's
# English voice from a romanisation. Not Khmer speech a citizen should hear: it stands in until a center records
# real clips (docs/voice.md). The manifest says `placeholder = true`, and `quayctl i18n status` lists it.
#
#   scripts/voice/make-khmer-placeholder.sh OUTDIR      -> OUTDIR/manifest.toml, OUTDIR/*.wav
#
# The keys are the exact texts quayd asks for: number words from ICU's Khmer spell-out (split at U+200B), the
# fixed phrases of the built-in voice.* catalogue entries, and the Latin capitals A-Z of ticket prefixes.
# VoiceClipSetTests checks this set covers everything a call can say.
set -euo pipefail
out=${1:?usage: make-khmer-placeholder.sh OUTDIR}
espeak=${ESPEAK:-espeak-ng}
mkdir -p "$out"
manifest="$out/manifest.toml"
{
    echo '# Quay Khmer clip set: GENERATED PLACEHOLDER (espeak-ng English voice reading a romanisation).'
    echo '# Replace with recordings: docs/voice.md, "Recording a clip set".'
    echo 'language = "km"'
    echo 'placeholder = true'
    echo ''
    echo '[clips]'
} >"$manifest"

n=0
clip() { # key romanisation
    n=$((n + 1))
    local file
    file=$(printf 'clip-%03d.wav' "$n")
    "$espeak" -v en -s 150 -w "$out/$file" "$2"
    printf '"%s" = "%s"\n' "$1" "$file" >>"$manifest"
}

# Number words (ICU km spell-out).
clip "សូន្យ" "sohn"
clip "មួយ" "muoy"
clip "ពីរ" "pee"
clip "បី" "bey"
clip "បួន" "buon"
clip "ប្រាំ" "pram"
clip "ប្រាំមួយ" "pram muoy"
clip "ប្រាំពីរ" "pram pee"
clip "ប្រាំបី" "pram bey"
clip "ប្រាំបួន" "pram buon"
clip "ដប់" "dop"
clip "ម្ភៃ" "mphey"
clip "សាមសិប" "samseb"
clip "សែសិប" "saeseb"
clip "ហាសិប" "haseb"
clip "ហុកសិប" "hokseb"
clip "ចិតសិប" "chetseb"
clip "ប៉ែតសិប" "paetseb"
clip "កៅសិប" "kauseb"
clip "រយ" "roy"
clip "ពាន់" "poan"
clip "ម៉ឺន" "meun"
clip "សែន" "saen"
clip "លាន" "lean"
# Fixed phrases of voice.call, voice.recall, voice.results-ready (km).
clip "សូមអញ្ជើញលេខ" "som anhcheunh lek"
clip "មកបញ្ជរលេខ" "mok bonhchor lek"
clip "សូមអញ្ជើញម្តងទៀត លេខ" "som anhcheunh mdong tiet, lek"
clip "ឯកសារដែលមានបង្កាន់ដៃលេខចុងក្រោយ" "aeksar dael mean bongkandai lek chong kraoy"
clip "មានលទ្ធផលហើយ សូមអញ្ជើញមកទទួល" "mean lotphol haey, som anhcheunh mok totuol"
# Latin capitals of ticket prefixes and receipt tails.
for l in A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do clip "$l" "$l"; done

echo "placeholder Khmer clip set: $manifest ($n clips)"
