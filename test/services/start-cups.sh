#!/usr/bin/env bash
# Starts CUPS for the printing tests and sets up the test queues; safe to run again and again.
#   ffs-label-pdf   a CUPS-PDF virtual printer: every job becomes a PDF in $CUPS_PDF_OUT,
#                   named "<title>-job_<id>.pdf" (so a test finds its job by the lp job id)
#   ffs-a4-pdf      the same, set up as an office printer with A4 paper (default PageSize A4)
#   ffs-letter-pdf  the same with Letter paper (default PageSize Letter)
#   ffs-rejecting   a queue that exists but does not accept jobs (cupsreject)
#   ffs-stopped     a queue that accepts jobs but is stopped (cupsdisable): jobs would wait in it
# Needs root (CI and the dev container run as root) and the Debian packages cups and
# printer-driver-cups-pdf. The last line of output is CUPS_PDF_OUT=<folder>.
set -euo pipefail
export LC_ALL=C

OUT=/var/spool/cups-pdf/ffs
# CUPS-PDF reads /etc/cups/cups-pdf-<name>.conf for the device URI cups-pdf:/<name>, so the
# test queue gets its own settings and the system's cups-pdf.conf stays as it was.
QUEUE_CONF=/etc/cups/cups-pdf-ffs.conf
DEVICE_URI=cups-pdf:/ffs

die() { echo "start-cups.sh: $*" >&2; exit 1; }

# Two test runs at once must not both start a cupsd or both add a queue.
exec 9>/tmp/ffs-start-cups.lock
flock -w 60 9 || die "another start-cups.sh held the lock for 60 s"

command -v cupsd >/dev/null 2>&1 || die "cupsd is not installed (apt-get install cups printer-driver-cups-pdf)"
[ -x /usr/lib/cups/backend/cups-pdf ] || die "CUPS-PDF is not installed (apt-get install printer-driver-cups-pdf)"

scheduler_running() { lpstat -r 2>/dev/null | grep -q 'scheduler is running'; }

if ! scheduler_running; then
  [ "$(id -u)" -eq 0 ] || die "the CUPS scheduler is not running and only root can start it here"
  mkdir -p /run/cups
  # cupsd forks into the background; its output must not hold the caller's pipes open.
  cupsd </dev/null >/dev/null 2>&1 || die "cupsd failed to start (see /var/log/cups/error_log)"
  for _ in $(seq 1 100); do
    scheduler_running && break
    sleep 0.1
  done
  scheduler_running || die "cupsd started but the scheduler did not answer within 10 s"
fi

mkdir -p "$OUT"
chmod 0755 "$OUT"
# Output of earlier runs; tests find their files by job id and time, so old ones only take space.
find "$OUT" -maxdepth 1 -name '*.pdf' -mmin +60 -delete 2>/dev/null || true
desired_conf="Out $OUT
AnonDirName $OUT
Label 2
UserUMask 0022
Grp lpadmin"
if [ "$(cat "$QUEUE_CONF" 2>/dev/null)" != "$desired_conf" ]; then
  printf '%s\n' "$desired_conf" >"$QUEUE_CONF"
fi

ppd=$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_opt\.ppd/ { print $1; exit }')
[ -n "$ppd" ] || ppd=$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF/ { print $1; exit }')
[ -n "$ppd" ] || die "no CUPS-PDF driver found by 'lpinfo -m'"

# Creates the queue only when it is missing or points elsewhere: redefining a queue while
# another test prints to it would disturb that job.
# Extra arguments are lpadmin options for a new queue (its default paper).
ensure_queue() {
  local name=$1
  shift
  if ! lpstat -v "$name" 2>/dev/null | grep -q "$DEVICE_URI\$"; then
    lpadmin -p "$name" -v "$DEVICE_URI" -m "$ppd" -o printer-error-policy=abort-job "$@" 2>/dev/null \
      || die "lpadmin could not add the queue $name"
  fi
  # CUPS-PDF takes PostScript: with poppler's pdftops, embedded CID fonts (the station's PDFs
  # embed DejaVu Sans and Droid Sans Fallback subsets, electron/core/documents/pdf-fonts.ts) come
  # out with glyph names c00, c01… and the output PDF's text no longer reads back. Cairo's
  # PostScript keeps each glyph's Unicode, so pdftotext reads the printed file as it read the label.
  if ! lpoptions -p "$name" 2>/dev/null | grep -q 'pdftops-renderer=pdftocairo'; then
    lpadmin -p "$name" -o pdftops-renderer-default=pdftocairo 2>/dev/null || die "lpadmin could not set the PostScript renderer of $name"
  fi
}

ensure_queue ffs-label-pdf
cupsenable ffs-label-pdf
cupsaccept ffs-label-pdf

ensure_queue ffs-rejecting
cupsenable ffs-rejecting
cupsreject -r "Rejecting jobs (Flex Forward test queue)" ffs-rejecting

for paper in A4 Letter; do
  name="ffs-$(echo "$paper" | tr 'A-Z' 'a-z')-pdf"
  ensure_queue "$name" -o "PageSize=$paper"
  cupsenable "$name"
  cupsaccept "$name"
done

# Stopped, not rejecting: CUPS would take a job and hold it until someone starts the queue.
ensure_queue ffs-stopped
cupsaccept ffs-stopped
cupsdisable -r "Paused (Flex Forward test queue)" ffs-stopped

lpstat -p ffs-label-pdf >/dev/null 2>&1 || die "the queue ffs-label-pdf is not visible to lpstat"
bash "$(dirname "$0")/start-cups-faults.sh" "$ppd" || die "the failing test queues could not be set up"
echo "CUPS_PDF_OUT=$OUT"
