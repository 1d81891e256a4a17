#!/usr/bin/env bash
# Throwaway single-node Slurm cluster for the test suite, started and stopped
# by the tests themselves and by CI. Everything (munge key and socket,
# slurm.conf, state, spool, pid files, logs) lives in DIR; the daemons talk
# over 127.0.0.1 on two free TCP ports picked at start.
#
#   scripts/test-slurm.sh start DIR   prints SLURM_CONF=DIR/slurm.conf
#   scripts/test-slurm.sh stop DIR    cancels all jobs, stops the daemons, removes DIR (safe to repeat)
#
# Installs Debian's slurm-wlm and munge if slurmctld, slurmd, sbatch or munged
# is missing. Runs as root (SlurmUser=root). The node is this host with
# CPUs=$(nproc), select/cons_tres with CR_CPU, so 1-CPU tasks run side by side.
# Progress and errors go to stderr; stdout carries only the SLURM_CONF line.
set -Eeuo pipefail

MARKER=.precis-test-slurm
# set in the daemons' environment (and so their slurmstepd's) to find strays
TAG=PRECIS_TEST_SLURM_DIR

trap 'echo "test-slurm: unexpected failure at line $LINENO: $BASH_COMMAND" >&2' ERR
NAME=test-slurm DIR_USE="slurm.conf"
# shellcheck source=scripts/test-server-lib.sh
. "$(dirname "$0")/test-server-lib.sh"
log_tails() {
  local f
  for f in "$DIR/munged.log" "$DIR/slurmctld.log" "$DIR/slurmd.log"; do
    [ -s "$f" ] || continue
    echo "test-slurm: last lines of $f:" >&2
    tail -n 25 "$f" >&2
  done
}
fail() {
  echo "test-slurm: $*" >&2
  log_tails
  echo "test-slurm: stopping what was started" >&2
  kill_daemons || true
  exit 1
}

usage() { die "usage: $0 start|stop DIR"; }
[ $# -eq 2 ] || usage
CMD=$1
[ -n "$2" ] || usage
DIR=$(server_dir "$2") || exit 1
CONF=$DIR/slurm.conf
SOCK=$DIR/munge.socket
export SLURM_CONF=$CONF

install_slurm() {
  local missing="" b
  for b in slurmctld slurmd sbatch munged; do
    command -v "$b" >/dev/null 2>&1 || missing="$missing $b"
  done
  [ -n "$missing" ] || return 0
  echo "test-slurm: installing slurm-wlm and munge from Debian (missing:$missing)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >&2 \
    || die "apt-get install slurm-wlm munge failed"
  for b in slurmctld slurmd sbatch munged; do
    command -v "$b" >/dev/null 2>&1 || die "$b still missing after installing slurm-wlm and munge"
  done
}

# pid from a pid file, empty if none
pid_of() { head -n 1 "$DIR/$1.pid" 2>/dev/null || true; }
all_running() {
  local d
  for d in munged slurmctld slurmd; do alive "$(pid_of "$d")" || return 1; done
}

# stop one daemon by its pid file: TERM, then KILL after $2 seconds
stop_pid() {
  local name=$1 wait=$2 pid i
  pid=$(pid_of "$name")
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < wait * 10; i++)); do alive "$pid" || return 0; sleep 0.1; done
  echo "test-slurm: $name (pid $pid) ignored SIGTERM for ${wait}s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do alive "$pid" || return 0; sleep 0.1; done
  echo "test-slurm: $name (pid $pid) is still alive after SIGKILL" >&2
  return 1
}

# processes started for this DIR (slurmstepd and friends carry $TAG=$DIR in
# their environment), with their descendants; never this script or its callers
strays() {
  local self=$$ p anc="" pid
  p=$self
  while [ -n "$p" ] && [ "$p" -gt 1 ]; do
    anc="$anc $p "
    p=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f2 || true)
  done
  local tagged=""
  local d
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    case "$anc" in *" $pid "*) continue ;; esac
    if tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qxF "$TAG=$DIR"; then
      tagged="$tagged $pid"
    fi
  done
  [ -n "$tagged" ] || return 0
  # add descendants (the jobs' own processes do not carry the tag)
  ps -e -o pid=,ppid= | awk -v roots="$tagged" '
    BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      changed = 1
      while (changed) {
        changed = 0
        for (i in pids) { p = pids[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } }
      }
      for (p in keep) print p
    }' | while read -r pid; do
      case "$anc" in *" $pid "*) continue ;; esac
      alive "$pid" && echo "$pid"
    done
}

kill_daemons() {
  local rc=0 pids
  stop_pid slurmd 10 || rc=1
  stop_pid slurmctld 10 || rc=1
  stop_pid munged 5 || rc=1
  pids=$(strays | tr '\n' ' ')
  if [ -n "${pids// /}" ]; then
    echo "test-slurm: killing leftover processes of $DIR: $pids" >&2
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
  fi
  return $rc
}

# TCP ports in LISTEN state, from /proc/net/tcp{,6}
listening_ports() {
  local f
  for f in /proc/net/tcp /proc/net/tcp6; do
    [ -r "$f" ] || continue
    while read -r _ local _ st _; do
      [ "$st" = 0A ] || continue
      echo $((16#${local##*:}))
    done < <(tail -n +2 "$f")
  done
}
pick_ports() {
  local used p
  used=" $(listening_ports | tr '\n' ' ') "
  # ports already given to other test clusters (their daemons may be down for a moment)
  local c
  for c in /tmp/*/slurm.conf; do
    [ -f "$c" ] && used="$used $(sed -n 's/^Slurm\(ctld\|d\)Port=//p' "$c" | tr '\n' ' ') "
  done
  for ((p = 6817; p < 7817; p += 2)); do
    case $used in *" $p "* | *" $((p + 1)) "*) continue ;; esac
    CTLD_PORT=$p
    SLURMD_PORT=$((p + 1))
    return 0
  done
  die "no two free TCP ports between 6817 and 7817"
}

write_conf() {
  local node cpus mem_kb mem_mb
  node=$(hostname -s)
  cpus=$(nproc)
  mem_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
  mem_mb=$((mem_kb * 9 / 10 / 1024))   # a bit under the real memory
  pick_ports
  cat >"$CONF" <<EOF
# Test cluster made by scripts/test-slurm.sh; everything lives in $DIR.
ClusterName=precis-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK

StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$DIR/plugstack.conf
MailProg=/bin/true

ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=5

SlurmctldTimeout=10
SlurmdTimeout=20
MessageTimeout=10
BatchStartTimeout=10
KillWait=5
InactiveLimit=0
Waittime=0
MinJobAge=300
ReturnToService=2

NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
  : >"$DIR/plugstack.conf"
  # slurmd 22.05 always loads a cgroup plugin (it has no CgroupPlugin=disabled)
  # and reads cgroup.conf beside slurm.conf; nothing here constrains jobs
  cat >"$DIR/cgroup.conf" <<EOF
CgroupPlugin=autodetect
CgroupMountpoint=/sys/fs/cgroup
IgnoreSystemd=yes
ConstrainCores=no
ConstrainRAMSpace=no
ConstrainDevices=no
EOF
}

start_munged() {
  head -c 1024 /dev/urandom >"$DIR/munge.key"
  chmod 0400 "$DIR/munge.key"
  # --force: run even where munged finds DIR's parents not strict enough
  # (e.g. group-writable); this key guards nothing but the test cluster
  env "$TAG=$DIR" munged --force \
    --key-file="$DIR/munge.key" --socket="$SOCK" --pid-file="$DIR/munged.pid" \
    --log-file="$DIR/munged.log" --seed-file="$DIR/munged.seed" \
    2>>"$DIR/munged.log" || fail "munged failed to start"
  local i
  for ((i = 0; i < 100; i++)); do
    [ -S "$SOCK" ] && munge -n -S "$SOCK" 2>/dev/null | unmunge -S "$SOCK" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "munged does not answer on $SOCK (munge -n | unmunge failed)"
}

start() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (SlurmUser=root; it also installs packages)"
  install_slurm

  check_dir_for_start
  [ ${#SOCK} -le 100 ] || die "munge socket path $SOCK is too long for a unix socket; use a shorter DIR"

  if [ -e "$DIR/$MARKER" ]; then
    if all_running && sinfo -h >/dev/null 2>&1; then
      echo "SLURM_CONF=$CONF"
      return 0
    fi
    echo "test-slurm: $DIR holds a half-running cluster; restarting it from scratch" >&2
    kill_daemons || die "could not stop the old daemons of $DIR"
    rm -rf "$DIR"
  fi

  mkdir -p "$DIR"
  touch "$DIR/$MARKER"
  chmod 0755 "$DIR"
  mkdir -p "$DIR/state" "$DIR/spool"
  chmod 0700 "$DIR/state"
  write_conf

  start_munged

  env "$TAG=$DIR" slurmctld -f "$CONF" 2>>"$DIR/slurmctld.log" || fail "slurmctld failed to start"
  local i
  for ((i = 0; i < 150; i++)); do
    scontrol ping 2>/dev/null | grep -q 'is UP' && break
    alive "$(pid_of slurmctld)" || [ "$i" -lt 20 ] || fail "slurmctld exited"
    sleep 0.2
  done
  scontrol ping 2>/dev/null | grep -q 'is UP' || fail "slurmctld does not answer (scontrol ping) after 30s"

  env "$TAG=$DIR" slurmd -f "$CONF" 2>>"$DIR/slurmd.log" || fail "slurmd failed to start"
  local node state=""
  node=$(hostname -s)
  for ((i = 0; i < 300; i++)); do
    state=$(sinfo -h -N -n "$node" -o %t 2>/dev/null || true)
    [ "$state" = idle ] && break
    alive "$(pid_of slurmd)" || [ "$i" -lt 20 ] || fail "slurmd exited"
    sleep 0.2
  done
  if [ "$state" != idle ]; then
    sinfo -N -l -R >&2 || true
    fail "node $node is '$state', not idle, 60s after starting slurmd"
  fi
  echo "SLURM_CONF=$CONF"
}

stop() {
  dir_to_stop || return 0
  # cancel all jobs and let slurmd end them (when it can: else they are killed below)
  if [ -f "$CONF" ] && alive "$(pid_of slurmctld)" && alive "$(pid_of slurmd)" && command -v squeue >/dev/null; then
    local jobs i
    jobs=$(squeue -h -o %F 2>/dev/null | sort -u | tr '\n' ' ' || true)
    if [ -n "${jobs// /}" ]; then
      # shellcheck disable=SC2086
      scancel $jobs 2>/dev/null || true
      for ((i = 0; i < 150; i++)); do
        [ -z "$(squeue -h 2>/dev/null || true)" ] && break
        sleep 0.2
      done
    fi
  fi
  kill_daemons || { log_tails; die "could not stop the daemons of $DIR"; }
  rm -rf "$DIR"
}

case $CMD in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
