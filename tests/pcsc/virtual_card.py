"""A contactless card in vsmartcard's virtual reader (vpcd), stdlib only: it answers the PC/SC
GET DATA command (FF CA 00 00 00) with its serial, as a PaSoRi does for a FeliCa card.

    python tests/pcsc/virtual_card.py 012E4CD2A1B2C3D4 [port]

Running = the card lies on the reader; the process ending = the card taken away.
vpcd protocol: TCP, each message a 2-byte big-endian length and a payload; a 1-byte payload is a
control code (0 power off, 1 power on, 2 reset, 4 send the ATR)."""

import socket
import struct
import sys

# PC/SC Part 3 storage-card ATR for FeliCa (card name 0x003B); the last byte is the XOR check.
ATR_BODY = bytes.fromhex("8F8001804F0CA0000003061100" + "3B" + "00000000")


def atr():
    tck = 0
    for b in ATR_BODY:
        tck ^= b
    return bytes([0x3B]) + ATR_BODY + bytes([tck])


def answer(apdu, serial):
    if apdu[:2] == b"\xff\xca":
        return serial + b"\x90\x00" if apdu[2:4] == b"\x00\x00" else b"\x6a\x81"
    return b"\x6d\x00"


def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("vpcd closed the connection")
        data += chunk
    return data


def main(serial_hex, port=35963):
    serial = bytes.fromhex(serial_hex)
    sock = socket.create_connection(("127.0.0.1", port))
    while True:
        (length,) = struct.unpack(">H", recv_exact(sock, 2))
        payload = recv_exact(sock, length)
        if length == 1:
            reply = atr() if payload[0] == 4 else None
        else:
            reply = answer(payload, serial)
        if reply is not None:
            sock.sendall(struct.pack(">H", len(reply)) + reply)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 35963)
