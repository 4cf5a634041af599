#!/usr/bin/env bash
# Test queues whose jobs do not print, for closed-loop printing (electron/core/printing/job-follow.ts).
# Called by start-cups.sh (under its lock, with the scheduler running) with the CUPS-PDF PPD:
#   ffs-failing  accepts jobs, then its backend fails ("Out of paper"): with
#                printer-error-policy=abort-job CUPS aborts each job after accepting it
#   ffs-paused   a CUPS-PDF queue that accepts jobs but is stopped (cupsdisable, "Paper out"):
#                its jobs wait, pending, with the reason printer-stopped
# Safe to run again and again.
set -euo pipefail
export LC_ALL=C
ppd=${1:?usage: start-cups-faults.sh <ppd>}

die() { echo "start-cups-faults.sh: $*" >&2; exit 1; }

BACKEND=/usr/lib/cups/backend/ffs-fail
desired_backend='#!/bin/sh
# Flex Forward test backend: takes the job, then fails as a printer out of paper would.
if [ $# -eq 0 ]; then
  echo "direct ffs-fail \"Unknown\" \"Flex Forward failing test printer\""
  exit 0
fi
cat >/dev/null 2>&1 || true
echo "ERROR: Out of paper (Flex Forward test backend)" >&2
exit 1'
if [ "$(cat "$BACKEND" 2>/dev/null)" != "$desired_backend" ]; then
  printf '%s\n' "$desired_backend" >"$BACKEND"
fi
# 0755 and owned by root: CUPS runs it as lp and refuses a backend others can write.
chown root:root "$BACKEND"
chmod 0755 "$BACKEND"

if ! lpstat -v ffs-failing 2>/dev/null | grep -q 'ffs-fail:/out-of-paper$'; then
  lpadmin -p ffs-failing -v ffs-fail:/out-of-paper -m "$ppd" -o printer-error-policy=abort-job 2>/dev/null \
    || die "lpadmin could not add the queue ffs-failing"
fi
cupsenable ffs-failing
cupsaccept ffs-failing

if ! lpstat -v ffs-paused 2>/dev/null | grep -q 'cups-pdf:/ffs$'; then
  lpadmin -p ffs-paused -v cups-pdf:/ffs -m "$ppd" -o printer-error-policy=abort-job 2>/dev/null \
    || die "lpadmin could not add the queue ffs-paused"
fi
cupsaccept ffs-paused
cupsdisable -r "Paper out (Flex Forward test queue)" ffs-paused
