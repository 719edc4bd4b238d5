"""Photos decoded in a process of their own: the window's thumbnails and preview images.

Decoded in the window, a photo would leave Pillow and its codecs there (about 4 MB) for the
rest of the session, and a malformed file that crashed a codec would take the window, and
what is being typed, with it. The window hands the original's bytes to this worker instead:
started when first asked, it ends after a few idle seconds (the next picture starts another).

Run as `python -m desktop_editor.core.picture_worker` (a bundle: the app with
`--picture-worker`). A request on stdin is the job and size (a pickle after its length), then
the original's bytes after theirs; a reply on stdout is a pickle after its length. These are
two processes of this app talking over their own pipes.
"""

from __future__ import annotations

import pickle
import struct
import subprocess
import sys
import threading

IDLE_SECONDS = 3.0  # the worker ends when nothing has been asked of it for this long
_LENGTH = struct.Struct("!Q")


class PictureWorkerError(Exception):
    """The picture could not be made: one sentence (a refused file, or the worker stopped)."""


def _thumbnail(original: bytes, size: int) -> bytes:
    from desktop_editor.core.images import thumbnail_bytes

    return thumbnail_bytes(original, size)


def _display(original: bytes, width: int) -> bytes:
    from desktop_editor.core.images import display_bytes

    return display_bytes(original, width)[0]


JOBS = {"thumbnail": _thumbnail, "display": _display}


def decode_here(job: str, original: bytes, size: int) -> bytes:
    """The same job in this process (the command line's way: it ends when it is done)."""
    return JOBS[job](original, size)


def command() -> list[str]:
    if getattr(sys, "frozen", False):  # a bundle has no `-m`: its executable is the app
        return [sys.executable, "--picture-worker"]
    return [sys.executable, "-m", "desktop_editor.core.picture_worker"]


class PictureWorker:
    """The window's side: run(job, original, size) from any thread, one request at a time."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS):
        self._idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._idle_timer: threading.Timer | None = None

    def run(self, job: str, original: bytes, size: int) -> bytes:
        with self._lock:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
            try:
                process = self._started()
                _send(process.stdin, (job, size))
                _send_bytes(process.stdin, original)  # as they are: a photo may be 200 MB
                ok, value = _receive(process.stdout)
            except (OSError, EOFError, pickle.UnpicklingError):
                self._end()
                raise PictureWorkerError("The picture could not be made: its decoder stopped.") from None
            finally:
                self._idle_timer = threading.Timer(self._idle_seconds, self.stop_if_idle)
                self._idle_timer.daemon = True
                self._idle_timer.start()
        if not ok:
            raise PictureWorkerError(value)
        return value

    def stop_if_idle(self) -> None:
        if self._lock.acquire(blocking=False):  # busy: the request under way sets a new timer
            try:
                self._end()
            finally:
                self._lock.release()

    def close(self) -> None:
        with self._lock:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
            self._end()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self.running else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _started(self) -> subprocess.Popen:
        if not self.running:
            self._end()
            self._process = subprocess.Popen(command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return self._process

    def _end(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        for pipe in (process.stdin, process.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        try:
            process.wait(5)  # the end of its input ends it
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


_shared: PictureWorker | None = None
_shared_lock = threading.Lock()


def shared() -> PictureWorker:
    """This process's worker: the window's threads take turns at it."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = PictureWorker()
        return _shared


def _send(pipe, message) -> None:
    _send_bytes(pipe, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def _send_bytes(pipe, data: bytes) -> None:
    pipe.write(_LENGTH.pack(len(data)))
    pipe.write(data)
    pipe.flush()


def _receive(pipe):
    return pickle.loads(_receive_bytes(pipe))


def _receive_bytes(pipe) -> bytes:
    header = pipe.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        raise EOFError
    length = _LENGTH.unpack(header)[0]
    data = pipe.read(length)
    if len(data) < length:
        raise EOFError
    return data


def serve(source, sink) -> None:
    """The worker's side: answer requests until the window closes its end."""
    from desktop_editor.core.images import ImageRejected
    from desktop_editor.core.process_memory import return_freed_memory, trim

    return_freed_memory()
    while True:
        try:
            job, size = _receive(source)
            original = _receive_bytes(source)
        except EOFError:
            return
        try:
            reply = (True, decode_here(job, original, size))
        except ImageRejected as error:
            reply = (False, str(error))
        except Exception as error:  # noqa: BLE001 - a picture no decoder could read is one sentence
            reply = (False, f"The picture could not be made: {type(error).__name__}.")
        del original
        _send(sink, reply)
        trim()  # the decoded photo is gone: give its memory back


def main() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C in the window's terminal: just end
    sink = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing stray may garble the replies
    serve(sys.stdin.buffer, sink)


if __name__ == "__main__":
    main()
