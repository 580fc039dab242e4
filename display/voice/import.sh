#!/usr/bin/env bash
# Puts a hall's own recordings into a voice pack:
#
#   npm run voice:import -- <language> <folder>      e.g.  npm run voice:import -- yue ~/recordings/yue
#
# Every audio file in <folder> named after a clip of that language's pack (pack/<language>/
# manifest.json lists the names and what each must say: qing.wav = 請, kiosk_idle.wav = the kiosk's
# welcome, …) is trimmed of silence at both ends, made mono 16 kHz, peak-normalised to -1 dBFS (so
# all clips sound equally loud) and written over pack/<language>/<clip>.ogg. Files with other names
# are listed and left out; clips without a recording keep the generated voice.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lang="${1:-}"
from="${2:-}"
pack="$here/pack/$lang"
if [ -z "$lang" ] || [ -z "$from" ] || [ ! -f "$pack/manifest.json" ] || [ ! -d "$from" ]; then
  echo "usage: npm run voice:import -- <language: $(ls "$here/pack" | tr '\n' ' ')> <folder of recordings>" >&2
  exit 2
fi
command -v sox >/dev/null || { echo "import.sh: sox is required (apt-get install sox libsox-fmt-all)" >&2; exit 1; }

# The clip names of this pack, one per line (no JSON tool needed: the manifest is written one clip a line).
clips="$(sed -n 's/^    "\([A-Za-z0-9_]*\)": .*/\1/p' "$pack/manifest.json")"

imported=0
skipped=()
for file in "$from"/*; do
  [ -f "$file" ] || continue
  base="$(basename "$file")"
  name="${base%.*}"
  if ! grep -qx "$name" <<<"$clips"; then
    skipped+=("$base")
    continue
  fi
  sox "$file" -r 16000 -c 1 -b 16 "$pack/$name.wav.tmp.wav" \
    silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse norm -1
  sox "$pack/$name.wav.tmp.wav" -C -1 "$pack/$name.ogg"
  rm -f "$pack/$name.wav.tmp.wav"
  imported=$((imported + 1))
done

echo "voice:import: $imported recording(s) into pack/$lang"
if [ "${#skipped[@]}" -gt 0 ]; then
  echo "not a clip of the $lang pack (see pack/$lang/manifest.json), left out: ${skipped[*]}" >&2
fi
