#!/usr/bin/env bash
# Debian packages the product and its tests need beyond Python's: Chromium and its driver (browser tests),
# poppler (PDF pages as PNG), HarfBuzz's subset library (WeasyPrint warns without it and will require it).
# Installs what is missing when run as root (CI, a fresh machine); otherwise says what to install.
set -euo pipefail
packages=(chromium chromium-driver poppler-utils libharfbuzz-subset0)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: not a Debian system; install the equivalents of: ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
