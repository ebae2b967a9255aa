#!/usr/bin/env bash
# peakmem.sh: run a command and report its peak memory, split the way the
# kernel counts it, because an embedded bolt store maps its file into
# memory and the resident size of the mapping grows with the file:
#
#   peak_rss_mb   the high-water mark of the resident set (VmHWM): heap,
#                 stacks and the mapped pages of the store's file together
#   peak_anon_mb  the most anonymous memory (RssAnon) seen: what the
#                 process itself allocated (Go heap, buffers), sampled
#                 every 0.2 s
#   peak_file_mb  the most file-backed resident memory (RssFile): pages
#                 of the bolt file the kernel keeps mapped; page cache that
#                 it reclaims under pressure
#
#   scripts/bench/peakmem.sh OUT.json COMMAND [ARGS...]
#
# Writes OUT.json and exits with the command's status; the command's own
# output goes where it would.
set -uo pipefail
out=$1
shift
"$@" &
pid=$!
anon=0 file=0 hwm=0
while kill -0 "$pid" 2>/dev/null; do
  if [ -r "/proc/$pid/status" ]; then
    while read -r k v _; do
      case "$k" in
      RssAnon:) [ "$v" -gt "$anon" ] && anon=$v ;;
      RssFile:) [ "$v" -gt "$file" ] && file=$v ;;
      VmHWM:) [ "$v" -gt "$hwm" ] && hwm=$v ;;
      esac
    done < "/proc/$pid/status" 2>/dev/null
  fi
  sleep 0.2
done
wait "$pid"
rc=$?
printf '{"peak_rss_mb": %d, "peak_anon_mb": %d, "peak_file_mb": %d}\n' $((hwm / 1024)) $((anon / 1024)) $((file / 1024)) > "$out"
exit $rc
