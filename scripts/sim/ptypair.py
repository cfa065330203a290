"""A linked pty pair made by socat: the simulator opens one side, the code under test the other (a path)."""
import ctypes
import os
import signal
import shutil
import subprocess
import sys
import time


def _die_with_parent():
    """socat gets SIGTERM when the simulator dies, even by SIGKILL (prctl PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except OSError:
        pass


class PtyPair:
    def __init__(self, link):
        socat = shutil.which("socat")
        if socat is None:
            sys.exit(f"{os.path.basename(sys.argv[0])}: socat is not installed (apt-get install socat)")
        self.link = link
        self.sim_side = link + ".sim"
        for p in (self.link, self.sim_side):
            if os.path.lexists(p):
                os.unlink(p)
        self.proc = subprocess.Popen([socat, "pty,raw,echo=0,link=" + self.sim_side, "pty,raw,echo=0,link=" + link],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     preexec_fn=_die_with_parent)
        deadline = time.time() + 5
        while time.time() < deadline:
            if os.path.exists(link) and os.path.exists(self.sim_side):
                return
            if self.proc.poll() is not None:
                sys.exit("socat exited early")
            time.sleep(0.01)
        self.proc.kill()
        sys.exit("socat did not create the pty links")

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        for p in (self.link, self.sim_side):
            if os.path.lexists(p):
                os.unlink(p)
