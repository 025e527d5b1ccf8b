# Shared by tools/run, tools/test and tools/bench/*: locating the repository and installing Debian packages.
# shellcheck shell=bash

FAXBOX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

_apt_updated=0

# as_root CMD...: run as root (directly, or through sudo when not root).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_install PKG...: install the Debian packages that are not installed yet (non-interactive).
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "tools: installing ${missing[*]}" >&2
  if [ "$_apt_updated" -eq 0 ]; then as_root apt-get update -qq; _apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# install_spandsp_runtime: Debian's libspandsp2 0.0.6 (renamed libspandsp2t64 on Debian 13) and libtiff.
install_spandsp_runtime() {
  if ldconfig -p | grep -q 'libspandsp\.so\.2 '; then return 0; fi
  apt_install libspandsp2 2>/dev/null || apt_install libspandsp2t64
}

# install_sqlite_runtime: Debian's libsqlite3-0, which the fax server's job database is written with (FaxBox's own binding).
install_sqlite_runtime() {
  if ldconfig -p | grep -q 'libsqlite3\.so\.0 '; then return 0; fi
  apt_install libsqlite3-0
}

require_dotnet() {
  command -v dotnet >/dev/null || { echo "tools: the .NET SDK is required (see global.json for the version)" >&2; exit 1; }
}

# install_alsa_runtime: alsa-lib for the hardware board's PCM link (libasound2, renamed libasound2t64 on Debian 13),
# with its configuration (alsa.conf defines the "null" device the tests use).
install_alsa_runtime() {
  if ldconfig -p | grep -q 'libasound\.so\.2 ' && [ -f /usr/share/alsa/alsa.conf ]; then return 0; fi
  apt_install libasound2 2>/dev/null || apt_install libasound2t64
  apt_install libasound2-data
}

# install_tshark: Wireshark's CLI, which the tests use to dissect FaxBox's own SIP, RTP and UDPTL (no setuid dumpcap).
install_tshark() {
  command -v tshark >/dev/null && return 0
  echo "wireshark-common wireshark-common/install-setuid boolean false" | as_root debconf-set-selections
  apt_install tshark
}

# install_sip_peers: the real SIP peers the interop tests drive: kamailio as registrar/proxy with digest auth and sipp
# (Debian's sip-tester). sipp's play_pcap_audio/play_pcap_image (the capture replays in
# tests/Shared/Interop/Replays) send through a raw socket: root has it; for other users sipp gets CAP_NET_RAW.
install_sip_peers() {
  apt_install kamailio kamailio-extra-modules sip-tester
  if [ "$(id -u)" -ne 0 ]; then
    apt_install libcap2-bin
    local sipp; sipp="$(command -v sipp || echo /usr/bin/sipp)"
    /usr/sbin/getcap "$sipp" 2>/dev/null | grep -q cap_net_raw || as_root /usr/sbin/setcap cap_net_raw+ep "$sipp"
  fi
}

# install_document_tools: Ghostscript, which the fax server uses to rasterise submitted PDFs and JPEGs and to render
# cover and confirmation pages (run with -dSAFER, off the media path).
install_document_tools() {
  command -v gs >/dev/null && return 0
  apt_install ghostscript
}
