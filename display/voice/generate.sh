#!/usr/bin/env bash
# Regenerates the DEVELOPMENT voice pack (display/voice/pack/) with espeak-ng and sox.
#
# A hall replaces these robotic clips with human recordings: keep the same file names (see
# manifest.json, which also says what each clip must say) and the same format (mono WAV).
# The pack is committed so a fresh clone speaks without espeak-ng; rerun this only to change it.
#
# Mandarin uses espeak-ng's `cmn-latn-pinyin` voice fed with tone-numbered pinyin, because the
# plain `cmn` voice mispronounces many syllables. Letters are read by their English names, as
# Chinese halls do ("A 零二三号"), so they use the English voice.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/pack"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool is required (apt-get install $tool)" >&2; exit 1; }
done

rate=16000   # 16 kHz mono keeps the whole pack well under 2 MB and is plenty for speech
speed=135    # words per minute; a little slower than espeak's default for elderly listeners

mkdir -p "$out"
rm -f "$out"/*.wav
manifest_entries=()

# finish NAME SAY: trim silence at both ends, resample, normalise, write pack/NAME.wav
finish() {
  local name="$1" say="$2"
  sox "$work/raw.wav" -r "$rate" -c 1 -b 16 "$out/$name.wav" \
    silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse norm -1
  manifest_entries+=("$(printf '    "%s": "%s"' "$name" "$say")")
}

mandarin() { # NAME PINYIN SAY
  espeak-ng -v cmn-latn-pinyin -s "$speed" -w "$work/raw.wav" "$2"
  finish "$1" "$3"
}

letter() { # LETTER
  espeak-ng -v en -s "$speed" -w "$work/raw.wav" "$1."
  finish "$1" "$1"
}

# Words of the sentence 请 A023 号 到 3 号窗口办理
mandarin qing "qing3" "请"
mandarin hao "hao4" "号"
mandarin dao "dao4" "到"
mandarin chuangkou "chuang1 kou3" "窗口"
mandarin banli "ban4 li3" "办理"

# Digits (read one by one in ticket numbers) and 十 (for window numbers 10–99)
mandarin ling "ling2" "零"
mandarin yi "yi1" "一"
mandarin er "er4" "二"
mandarin san "san1" "三"
mandarin si "si4" "四"
mandarin wu "wu3" "五"
mandarin liu "liu4" "六"
mandarin qi "qi1" "七"
mandarin ba "ba1" "八"
mandarin jiu "jiu3" "九"
mandarin shi "shi2" "十"

# Service codes and priority markers are capital letters
for l in A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do letter "$l"; done

# Chime: a soft two-tone "ding-dong" so people look up before the words
sox -n -r "$rate" -c 1 -b 16 "$work/ding.wav" synth 0.45 sine 880 sine 1320 remix - fade q 0.01 0.45 0.4 vol 0.6
sox -n -r "$rate" -c 1 -b 16 "$work/dong.wav" synth 0.7 sine 660 sine 990 remix - fade q 0.01 0.7 0.65 vol 0.6
sox "$work/ding.wav" "$work/dong.wav" "$work/raw.wav"
sox "$work/raw.wav" "$out/chime.wav" norm -3
manifest_entries+=('    "chime": "（提示音 chime）"')

{
  echo '{'
  echo '  "format": "wav",'
  echo '  "clips": {'
  (IFS=$'\n'; echo "${manifest_entries[*]}" | sed '$!s/$/,/')
  echo '  }'
  echo '}'
} >"$out/manifest.json"

total=$(du -cb "$out"/* | tail -1 | cut -f1)
echo "voice pack: $(ls "$out"/*.wav | wc -l) clips, $total bytes in $out"
