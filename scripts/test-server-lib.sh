# Shared by the throwaway test servers (scripts/test-postgres.sh,
# scripts/test-slurm.sh): the directory each lives in, marked as its own,
# and process checks. Sourced after the script sets NAME (its prefix in
# messages), MARKER and DIR_USE (what DIR goes into, for the error), and
# defines fail().

die() { echo "$NAME: $*" >&2; exit 1; }

# DIR=$(server_dir ARG): the absolute directory, refused when it is / or
# holds characters that cannot go into a URL or a config file.
server_dir() {
  local dir
  dir=$(realpath -m -- "$1")
  case $dir in
    /) die "refusing to use / as DIR" ;;
    *[!A-Za-z0-9._/+-]*) die "DIR '$dir' has characters other than A-Z a-z 0-9 . _ / + - (it goes into $DIR_USE)" ;;
  esac
  echo "$dir"
}

# a live (not zombie) process with that pid; PID 1 in a container reaps orphans slowly
alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ "$state" != Z ]
}

# start may use DIR: absent, empty, or made by this script.
check_dir_for_start() {
  if [ -e "$DIR" ]; then
    [ -d "$DIR" ] || die "$DIR exists and is not a directory"
    if [ ! -e "$DIR/$MARKER" ] && [ -n "$(ls -A "$DIR")" ]; then
      die "$DIR exists, is not empty and was not made by this script; refusing to use it"
    fi
  fi
}

# stop's first step: returns 1 (after removing an empty DIR) when there is
# nothing of this script's to stop; refuses a DIR it did not make.
dir_to_stop() {
  [ -e "$DIR" ] || return 1
  [ -d "$DIR" ] || die "$DIR is not a directory"
  if [ ! -e "$DIR/$MARKER" ]; then
    [ -z "$(ls -A "$DIR")" ] || die "$DIR was not made by this script (no $MARKER); not removing it"
    rmdir "$DIR"
    return 1
  fi
}
