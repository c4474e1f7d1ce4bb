#!/usr/bin/env bash
# Debian packages the tests use: chromium (browser tests), poppler-utils (pdftotext), fonts for screenshots.
# Installs what is missing when we may (root + apt-get); otherwise says exactly what is missing.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils poppler-data)
[ -f /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || need+=(fonts-ipaexfont)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${need[*]}"
  (apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
   { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1; }) ||
    echo "WARNING: could not install ${need[*]}; browser tests will be skipped with a reason"
else
  echo "WARNING: missing Debian packages: ${need[*]} (run: sudo apt-get install -y ${need[*]}); browser tests will be skipped"
fi
exit 0
