#!/usr/bin/env bash
# Regenerates the DEVELOPMENT voice packs, one per language: display/voice/pack/cmn/ (Mandarin)
# and display/voice/pack/yue/ (Cantonese), each with manifest.json (clip -> what it says) and one
# Ogg Vorbis file per clip: the words and numbers of a call, every kiosk line and every evaluator
# line (the list is display/voice/clipList.ts, the sentences display/voice/sentences.ts).
#
# A hall replaces these robotic clips with human recordings: `npm run voice:import` (see
# display/voice/README.md). The packs are committed so a fresh clone speaks without espeak-ng;
# rerun this only to change them. `npm run voice:generate -- --missing` records only the clips that
# have no file yet (a new kiosk line), leaving every existing clip (and human recording) as it is.
#
# Mandarin uses espeak-ng's `cmn-latn-pinyin` voice fed with tone-numbered pinyin, because the
# plain `cmn` voice mispronounces many syllables; Cantonese the `yue` voice (Jyutping readings),
# fed with Chinese text. Letters are read by their English names, as halls do ("A 零二三号").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/pack"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool is required (apt-get install $tool)" >&2; exit 1; }
done

rate=16000   # 16 kHz mono is plenty for speech
speed=135    # words per minute; a little slower than espeak's default for elderly listeners
quality=-1   # Vorbis quality: the lowest, about 2 kB per second of speech, still clear

missing_only=false
[ "${1:-}" = "--missing" ] && missing_only=true

# The list first (it also writes each language's manifest.json), so a broken list stops here.
$missing_only || rm -rf "$out"
list="$work/clips.tsv"
(cd "$root" && npx --no-install tsx display/voice/clipList.ts) >"$list"

# A soft two-tone "ding-dong" so people look up before the words.
sox -n -r "$rate" -c 1 -b 16 "$work/ding.wav" synth 0.45 sine 880 sine 1320 remix - fade q 0.01 0.45 0.4 vol 0.6
sox -n -r "$rate" -c 1 -b 16 "$work/dong.wav" synth 0.7 sine 660 sine 990 remix - fade q 0.01 0.7 0.65 vol 0.6
sox "$work/ding.wav" "$work/dong.wav" "$work/chime.wav"

count=0
while IFS=$'\t' read -r lang clip voice input _says; do
  if $missing_only && [ -e "$out/$lang/$clip.ogg" ]; then continue; fi
  if [ "$clip" = chime ]; then
    sox "$work/chime.wav" "$work/clip.wav" norm -3
  else
    espeak-ng -v "$voice" -s "$speed" -w "$work/raw.wav" "$input"
    # Trim silence at both ends, mono 16 kHz, peak-normalise to -1 dBFS (the same loudness for all).
    sox "$work/raw.wav" -r "$rate" -c 1 -b 16 "$work/clip.wav" \
      silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse norm -1
  fi
  sox "$work/clip.wav" -C "$quality" "$out/$lang/$clip.ogg"
  count=$((count + 1))
done <"$list"

total=$(du -cb "$out"/*/* | tail -1 | cut -f1)
echo "voice packs: $count clips, $total bytes in $out"
for dir in "$out"/*/; do echo "  $(basename "$dir"): $(ls "$dir" | grep -c '\.ogg$') clips, $(du -sb "$dir" | cut -f1) bytes"; done
