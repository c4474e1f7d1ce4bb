#!/usr/bin/env bash
# Debian packages, by purpose (running the web app needs none: `make run` does not call this):
#   test    what the tests use (`make test`): chromium (browser tests), poppler-utils (pdftotext), fonts for
#           screenshots, and the PC/SC stack the reader helper's tests drive: pcscd, vsmartcard-vpcd (virtual
#           reader), pcsc-tools, swig + libpcsclite-dev (pip builds pyscard with them, so this runs before pip)
#   reader  what the card-reader helper's PC needs (`make reader`): pcscd, swig, libpcsclite-dev
# Installs what is missing when we may (root + apt-get); otherwise says exactly what is missing.
set -u
purpose="${1:-test}"
need=()
if [ "$purpose" = test ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils poppler-data)
  [ -f /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || need+=(fonts-ipaexfont)
  [ -f /usr/lib/pcsc/drivers/serial/libifdvpcd.so ] || need+=(vsmartcard-vpcd)
  command -v pcsc_scan >/dev/null 2>&1 || need+=(pcsc-tools)
  command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)  # flask backup/restore tests on PostgreSQL
fi
command -v pcscd >/dev/null 2>&1 || need+=(pcscd)
command -v swig >/dev/null 2>&1 || need+=(swig)
[ -f /usr/include/PCSC/winscard.h ] || need+=(libpcsclite-dev)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$purpose" = test ]; then without="browser and card-reader tests will be skipped with a reason"
else without="pip cannot build pyscard"; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${need[*]}"
  (apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
   { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1; }) ||
    echo "WARNING: could not install ${need[*]}; $without"
else
  echo "WARNING: missing Debian packages: ${need[*]} (run: sudo apt-get install -y ${need[*]}); $without"
fi
exit 0
