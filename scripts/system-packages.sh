#!/usr/bin/env bash
# Debian packages the tests use: chromium (browser tests), poppler-utils (pdftotext), fonts for screenshots,
# and the PC/SC stack for the card-reader helper: pcscd, vsmartcard-vpcd (virtual reader), pcsc-tools, and
# swig + libpcsclite-dev, which pip needs to build pyscard (so `make test` runs this before pip).
# Installs what is missing when we may (root + apt-get); otherwise says exactly what is missing.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils poppler-data)
[ -f /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || need+=(fonts-ipaexfont)
command -v pcscd >/dev/null 2>&1 || need+=(pcscd)
command -v swig >/dev/null 2>&1 || need+=(swig)
[ -f /usr/include/PCSC/winscard.h ] || need+=(libpcsclite-dev)
[ -f /usr/lib/pcsc/drivers/serial/libifdvpcd.so ] || need+=(vsmartcard-vpcd)
command -v pcsc_scan >/dev/null 2>&1 || need+=(pcsc-tools)
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)  # flask backup/restore on PostgreSQL
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${need[*]}"
  (apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
   { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1; }) ||
    echo "WARNING: could not install ${need[*]}; browser and card-reader tests will be skipped with a reason"
else
  echo "WARNING: missing Debian packages: ${need[*]} (run: sudo apt-get install -y ${need[*]}); browser and card-reader tests will be skipped"
fi
exit 0
