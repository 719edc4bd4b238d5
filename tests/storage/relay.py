"""A TCP relay on 127.0.0.1 in front of the test desk server: cut() drops every connection
(a server restart, a lost link); refusing also stops new ones until it is False again;
frozen keeps connections open carrying nothing (a hung server); cut_after cuts every
connection once that many bytes have gone towards the server in all (a link dropping
mid-transfer)."""

from __future__ import annotations

import socket
import threading
import time


class Relay:
    def __init__(self, target_port: int):
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.refusing = False
        self.frozen = False
        self.cut_after: int | None = None
        self.sent = 0  # bytes towards the server so far
        self.cuts = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.refusing:
                client.close()
                continue
            server = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source, target, upstream: bool):
        try:
            while data := source.recv(65536):
                while self.frozen:
                    time.sleep(0.05)
                if upstream and self._past_the_cut(len(data)):
                    self.cut()
                    return
                target.sendall(data)
        except OSError:
            pass
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _past_the_cut(self, count: int) -> bool:
        with self.lock:
            self.sent += count
            return self.cut_after is not None and self.sent >= self.cut_after

    def cut(self):
        with self.lock:
            sockets, self.sockets = self.sockets, []
            self.cut_after = None
            self.cuts += 1
        for end in sockets:
            try:
                end.shutdown(socket.SHUT_RDWR)
                end.close()
            except OSError:
                pass

    def close(self):
        self.cut()
        self.listener.close()
