#!/usr/bin/env bash
# Makes the sample course's video: three slides drawn as SVG and narrated by espeak-ng, encoded
# by ffmpeg as MP4 (H.264 constrained baseline, AAC mono) with a JPEG poster, and its WebVTT
# captions in English (intro.vtt, the narration's own words) and Arabic (intro.ar.vtt, for the
# Arabic package of module 1). Nothing is taken from elsewhere: the sentences are the course's,
# their facts from the sources named on the slides and in the lesson's transcript.
#
# Needs Debian's ffmpeg (built with librsvg) and espeak-ng: apt-get install ffmpeg espeak-ng.
# Only this script needs them; builds and tests use the files it wrote, which are committed.
# The output is the same on every run with the same ffmpeg, x264 and espeak-ng: one thread,
# bit-exact flags, no metadata, cue times computed from the narration itself.
#
#   bash scripts/make-sample-media.sh        # writes courses/child-online-protection-industry/media/
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/courses/child-online-protection-industry/media"
for tool in ffmpeg ffprobe espeak-ng; do
  command -v "$tool" >/dev/null || { echo "make-sample-media: cannot find $tool, expected Debian's ffmpeg and espeak-ng (apt-get install ffmpeg espeak-ng)" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# The cues: slide number, then the English narration (spoken and captioned), then its Arabic caption.
cues=(
  1 "According to UNICEF, children, that is everyone under eighteen,"
    "بحسب اليونيسف، يشكّل الأطفال، أي كل من هم دون سن الثامنة عشرة،"
  1 "make up an estimated one in three internet users worldwide."
    "نحو مستخدم واحد من كل ثلاثة مستخدمين للإنترنت في العالم."
  2 "Every business has a responsibility to respect children's rights in the digital environment,"
    "وكل شركة مسؤولة عن احترام حقوق الطفل في البيئة الرقمية،"
  2 "and it can also support their rights and well-being through its products and services."
    "ويمكنها أيضًا أن تدعم حقوق الأطفال ورفاههم من خلال منتجاتها وخدماتها."
  3 "In 2021, the UN Committee on the Rights of the Child adopted General Comment number 25."
    "في عام 2021 اعتمدت لجنة الأمم المتحدة لحقوق الطفل التعليق العام رقم 25."
  3 "It is the first authoritative international legal text to say explicitly that children's rights apply both offline and online."
    "وهو أول نص قانوني دولي ذي حجية ينص صراحةً على أن حقوق الطفل قائمة خارج الإنترنت وعلى الإنترنت معًا."
)

# One slide: a title in two or three lines, and the source of its facts.
slide() { # number, source, lines...
  local n="$1" source="$2"
  shift 2
  local y=250 text=""
  for line in "$@"; do
    text+="<text x=\"96\" y=\"$y\" font-size=\"58\" font-weight=\"700\" fill=\"#ffffff\">$line</text>"
    y=$((y + 84))
  done
  cat > "$work/slide$n.svg" <<SVG
<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720" viewBox="0 0 1280 720" font-family="DejaVu Sans">
  <rect width="1280" height="720" fill="#0b4f94"/>
  <rect x="96" y="120" width="120" height="10" fill="#ffc857"/>
  $text
  <text x="96" y="640" font-size="28" fill="#dce8f5">$source</text>
  <text x="1184" y="640" font-size="28" fill="#dce8f5" text-anchor="end">$n / 3</text>
</svg>
SVG
  ffmpeg -hide_banner -loglevel error -y -i "$work/slide$n.svg" -frames:v 1 "$work/slide$n.png"
}
slide 1 "Source: UNICEF, Child rights and responsible technology" "About 1 in 3 internet users" "worldwide is a child"
slide 2 "Source: UNICEF, Child rights and responsible technology" "Every business must respect" "children's rights online, and" "can support them"
slide 3 "Source: ITU Global Programme on Child Online Protection brochure" "General Comment No. 25 (2021):" "children's rights apply" "offline and online"

# Narration, one WAV per cue, and the cue times: each cue starts 0.4 s after the one before ends.
seconds() { ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"; }
stamp() { awk -v t="$1" 'BEGIN { ms = int(t * 1000 + 0.5); printf "%02d:%02d.%03d", int(ms / 60000), int(ms / 1000) % 60, ms % 1000 }'; }
gap=0.4
now=0.5
inputs=()
filters=""
slide_end=(0 0 0 0)
english="WEBVTT"$'\n'
arabic="WEBVTT"$'\n'
count=$((${#cues[@]} / 3))
for ((i = 0; i < count; i++)); do
  n="${cues[$((i * 3))]}" en="${cues[$((i * 3 + 1))]}" ar="${cues[$((i * 3 + 2))]}"
  espeak-ng -v en-gb -s 150 -w "$work/cue$i.wav" "$en"
  length="$(seconds "$work/cue$i.wav")"
  start="$now"
  end="$(awk -v a="$start" -v b="$length" 'BEGIN { printf "%.3f", a + b }')"
  english+=$'\n'"$((i + 1))"$'\n'"$(stamp "$start") --> $(stamp "$end")"$'\n'"$en"$'\n'
  arabic+=$'\n'"$((i + 1))"$'\n'"$(stamp "$start") --> $(stamp "$end")"$'\n'"$ar"$'\n'
  # Each cue's audio is delayed to its start; the slide of the cue shows until the next slide's first cue.
  inputs+=(-i "$work/cue$i.wav")
  filters+="[$i:a]adelay=$(awk -v s="$start" 'BEGIN { printf "%d", s * 1000 }'):all=1[a$i];"
  slide_end[$n]="$end"
  now="$(awk -v a="$end" -v g="$gap" 'BEGIN { printf "%.3f", a + g }')"
done
total="$(awk -v a="$now" 'BEGIN { printf "%.3f", a + 0.6 }')"
mix=""
for ((i = 0; i < count; i++)); do mix+="[a$i]"; done
filters+="${mix}amix=inputs=$count:normalize=0:duration=longest,apad,atrim=0:$total[narration]"

# The slides, each until the next one starts (the last until the end), at 10 frames a second.
one="$(awk -v e="${slide_end[1]}" -v g="$gap" 'BEGIN { printf "%.3f", e + g }')"
two="$(awk -v e="${slide_end[2]}" -v g="$gap" 'BEGIN { printf "%.3f", e + g }')"
three="$(awk -v t="$total" -v b="$two" 'BEGIN { printf "%.3f", t - b }')"
two="$(awk -v b="$two" -v a="$one" 'BEGIN { printf "%.3f", b - a }')"
video="[$count:v]trim=duration=$one,setpts=PTS-STARTPTS[v1];[$((count + 1)):v]trim=duration=$two,setpts=PTS-STARTPTS[v2];[$((count + 2)):v]trim=duration=$three,setpts=PTS-STARTPTS[v3];[v1][v2][v3]concat=n=3:v=1:a=0,format=yuv420p[slides]"

ffmpeg -hide_banner -loglevel error -y -threads 1 \
  "${inputs[@]}" \
  -loop 1 -framerate 10 -i "$work/slide1.png" -loop 1 -framerate 10 -i "$work/slide2.png" -loop 1 -framerate 10 -i "$work/slide3.png" \
  -filter_complex "$filters;$video" -map "[slides]" -map "[narration]" \
  -c:v libx264 -profile:v baseline -level:v 3.1 -preset slow -tune stillimage -crf 30 -g 150 -r 10 -x264-params threads=1 \
  -c:a aac -ac 1 -ar 22050 -b:a 32k \
  -t "$total" -map_metadata -1 -map_chapters -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -movflags +faststart \
  "$work/intro.mp4"
ffmpeg -hide_banner -loglevel error -y -i "$work/slide1.png" -vf scale=640:360 -q:v 5 -fflags +bitexact -flags:v +bitexact -map_metadata -1 "$work/intro.jpg"

cp "$work/intro.mp4" "$work/intro.jpg" "$out/"
printf '%s' "$english" > "$out/intro.vtt"
printf '%s' "$arabic" > "$out/intro.ar.vtt"
for file in intro.mp4 intro.jpg intro.vtt intro.ar.vtt; do
  printf '%-14s %8d bytes\n' "$file" "$(stat -c %s "$out/$file")"
done
printf 'duration       %8.1f s\n' "$total"
