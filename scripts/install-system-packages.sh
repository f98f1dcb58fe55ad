#!/usr/bin/env bash
# Install the system packages tripreport needs (fonts, HarfBuzz subsetter, LibreOffice, poppler,
# qpdf). On Debian/Ubuntu as root or with password-less sudo it installs what is missing;
# elsewhere it prints exactly what to install and exits 0, so `make` can go on.
# Arguments name further packages (`make bench` adds pandoc).
set -u
PACKAGES="fonts-cns11643-kai fonts-noto-cjk fonts-symbola fonts-liberation libharfbuzz-subset0 poppler-utils qpdf libreoffice-writer-nogui $*"

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "tripreport: not a Debian/Ubuntu system. Please install by hand:"
  echo "  - the TW-Kai font (全字庫正楷體, https://www.cns11643.gov.tw) and Noto Serif CJK TC"
  echo "  - HarfBuzz with its subset library, poppler-utils, qpdf, LibreOffice Writer"
  exit 0
fi
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "tripreport: missing system packages. Please run:"
  echo "  sudo apt-get update && sudo apt-get install -y$missing"
  exit 0
fi
echo "tripreport: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $missing
