"""PC/SC: waits for cards on every reader and reads each card's serial with GET DATA
(FF CA 00 00 00: FeliCa IDm or ISO 14443 UID). The only module that imports smartcard (pyscard)."""

import time

GET_DATA_SERIAL = [0xFF, 0xCA, 0x00, 0x00, 0x00]


def read_serial(card):
    """The card's serial as upper-case hex, or None when the reader would not give it."""
    connection = card.createConnection()
    try:
        connection.connect()
        data, sw1, sw2 = connection.transmit(GET_DATA_SERIAL)
    finally:
        try:
            connection.disconnect()
        except Exception:
            pass
    if (sw1, sw2) != (0x90, 0x00) or len(data) not in (4, 7, 8, 10):
        return None
    return bytes(data).hex().upper()


def watch(on_serial, on_error=print):
    """Calls on_serial(serial, reader_name) for each card laid on any reader, until interrupted.
    New readers plugged in later are watched too (pyscard's CardMonitor polls the reader list)."""
    from smartcard.CardMonitoring import CardMonitor, CardObserver

    class Observer(CardObserver):
        def update(self, observable, actions):
            added, _removed = actions
            for card in added:
                try:
                    serial = read_serial(card)
                except Exception as exc:
                    on_error(f"read failed on {card.reader}: {exc}")
                    continue
                if serial:
                    on_serial(serial, str(card.reader))

    monitor = CardMonitor()
    observer = Observer()
    monitor.addObserver(observer)
    try:
        while True:
            time.sleep(3600)
    finally:
        monitor.deleteObserver(observer)
