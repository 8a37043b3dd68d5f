/* SPDX-License-Identifier: MIT */
#include "sandbox-ns.h"
#include "report.h"
#include "cleanup.h"
#include "namespace.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static bool have_program(const char *path)
{
	return access(path, X_OK) == 0;
}

/* In a user namespace that is not the host's, the ids there are only
 * those its map lists: the largest run of them besides `own`, from a
 * uid_map or gid_map ("INSIDE OUTSIDE COUNT" lines).  false if there is
 * none (a namespace of one id). */
static bool ids_besides(const char *map_file, unsigned long own, struct id_range *best)
{
	_cleanup_fclose_ FILE *f = fopen(map_file, "re");
	unsigned long inside, outside, count;

	best->start = best->count = 0;
	while (f && fscanf(f, "%lu %lu %lu", &inside, &outside, &count) == 3) {
		/* Own inside this run: the pieces before and after it. */
		struct id_range pieces[2] = {{inside, count}, {0, 0}};
		if (own >= inside && own - inside < count) {
			pieces[0] = (struct id_range){inside, own - inside};
			pieces[1] = (struct id_range){own + 1, inside + count - own - 1};
		}
		for (int i = 0; i < 2; i++)
			if (pieces[i].count > best->count)
				*best = pieces[i];
	}
	return best->count > 0;
}

void sandbox_choose_ids(bool single, const struct id_range *forced, struct sandbox_ids *ids)
{
	struct passwd *pw;
	const char *name;
	int ru, rg;

	memset(ids, 0, sizeof(*ids));
	ids->uid = geteuid();
	ids->gid = getegid();
	if (single)
		return;
	if (forced) {
		ids->uids = *forced;
		ids->gids = *forced;
		ids->ranges = true;
		return;
	}
	if (!namespace_is_initial()) {
		/* A sandbox inside a sandbox (or any user namespace): as root
		 * there we map, directly, ids the namespace has; /etc/subuid is
		 * the host's and names ids it may not. */
		if (ids->uid == 0 && ids_besides("/proc/self/uid_map", ids->uid, &ids->uids) &&
		    ids_besides("/proc/self/gid_map", ids->gid, &ids->gids)) {
			ids->ranges = true;
			return;
		}
		snprintf(ids->notice, sizeof(ids->notice),
			 "this user namespace has no ids to spare besides your own (%s)",
			 ids->uid == 0 ? "its map lists one" : "and you are not root in it");
		return;
	}
	pw = getpwuid(ids->uid);
	name = pw ? pw->pw_name : NULL;
	struct subid_bad_line bad;
	ru = subid_find("/etc/subuid", name, ids->uid, &ids->uids, &bad);
	if (ru == -EBADMSG) {
		snprintf(ids->notice, sizeof(ids->notice),
			 "/etc/subuid:%d: not NAME:START:COUNT: \"%s\"", bad.line, bad.text);
		return;
	}
	rg = subid_find("/etc/subgid", name, ids->uid, &ids->gids, &bad);
	if (rg == -EBADMSG) {
		snprintf(ids->notice, sizeof(ids->notice),
			 "/etc/subgid:%d: not NAME:START:COUNT: \"%s\"", bad.line, bad.text);
		return;
	}
	if (ru == 0 && rg == 0) {
		if (ids->uid != 0 &&
		    (!have_program("/usr/bin/newuidmap") || !have_program("/usr/bin/newgidmap"))) {
			snprintf(ids->notice, sizeof(ids->notice),
				 "newuidmap and newgidmap are needed for your subordinate ids "
				 "(install uidmap)");
			return;
		}
		ids->ranges = true;
		return;
	}
	if (ids->uid == 0) {
		/* Root without a range of its own: pick one no one uses. */
		if (subid_pick("/etc/subuid", "/etc/subgid", &ids->uids) == 0) {
			ids->gids = ids->uids;
			ids->ranges = true;
		}
		return;
	}
	snprintf(
	    ids->notice, sizeof(ids->notice),
	    "no subordinate ids for %s in /etc/subuid and /etc/subgid (add a range, e.g. usermod "
	    "--add-subuids 100000-165535 --add-subgids 100000-165535 %s)",
	    name ? name : "you", name ? name : "USER");
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = write(fd, text, strlen(text));
	int saved = errno;
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -(n < 0 ? saved : EIO);
}

static int run_helper(const char *helper, pid_t pid, unsigned long own, const struct id_range *r)
{
	char spid[16], sown[24], start[24], count[24], inner_count[24];
	int status;

	snprintf(spid, sizeof(spid), "%d", (int)pid);
	snprintf(sown, sizeof(sown), "%lu", own);
	snprintf(start, sizeof(start), "%lu", r->start);
	snprintf(count, sizeof(count), "%lu", r->count);
	snprintf(inner_count, sizeof(inner_count), "%d", 1);
	pid_t child = fork();
	if (child < 0)
		return -errno;
	if (child == 0) {
		execl(helper, helper, spid, "0", sown, inner_count, "1", start, count,
		      (char *)NULL);
		_exit(127);
	}
	if (waitpid(child, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EPERM;
}

/* From outside: write the child's id maps. */
static void map_ids(pid_t pid, const struct sandbox_ids *ids)
{
	char path[64], map[160];
	int r;

	if (ids->ranges && ids->uid != 0) {
		if (run_helper("/usr/bin/newuidmap", pid, ids->uid, &ids->uids) < 0 ||
		    run_helper("/usr/bin/newgidmap", pid, ids->gid, &ids->gids) < 0)
			die(EXIT_FAILURE_FOUND,
			    "sandbox: newuidmap/newgidmap refused the ranges %lu:%lu and "
			    "%lu:%lu (check /etc/subuid and /etc/subgid, or use --single-id)",
			    ids->uids.start, ids->uids.count, ids->gids.start, ids->gids.count);
		return;
	}
	if (!ids->ranges) {
		snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)pid);
		if ((r = write_file(path, "deny")) < 0 && r != -ENOENT) {
			errno = -r;
			die_errno(EXIT_FAILURE_FOUND, "sandbox: cannot write %s", path);
		}
	}
	for (int which = 0; which < 2; which++) {
		unsigned long own = which ? ids->gid : ids->uid;
		const struct id_range *range = which ? &ids->gids : &ids->uids;
		int n = snprintf(map, sizeof(map), "0 %lu 1\n", own);
		if (ids->ranges)
			snprintf(map + n, sizeof(map) - (size_t)n, "1 %lu %lu\n", range->start,
				 range->count);
		snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid,
			 which ? "gid_map" : "uid_map");
		if ((r = write_file(path, map)) < 0) {
			errno = -r;
			die_errno(EXIT_FAILURE_FOUND, "sandbox: cannot write %s", path);
		}
	}
}

/*
 * Signals: what the caller sends the sandbox goes to its command.  Each
 * process on the way (the caller's qbinfmt, the sandbox's init) has them
 * blocked from before it exists until its handler knows where to send
 * them, so one sent in the first milliseconds waits instead of being lost
 * (an init ignores signals it has no handler for) or killing the caller
 * alone.  The command gets the caller's mask back before exec.
 */
static const int forwarded[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2};
static sigset_t caller_mask;
static pid_t forward_to;

static void forward_signal(int signal)
{
	if (forward_to > 0)
		kill(forward_to, signal);
}

static void block_forwarded(void)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(&set, forwarded[i]);
	sigprocmask(SIG_BLOCK, &set, &caller_mask);
}

/* From now on to pid; what came while blocked is delivered now. */
static void forward_signals(pid_t pid)
{
	struct sigaction sa = {.sa_handler = forward_signal};

	forward_to = pid;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaction(forwarded[i], &sa, NULL);
	sigprocmask(SIG_SETMASK, &caller_mask, NULL);
}

static noreturn void exit_like(int status)
{
	if (WIFEXITED(status))
		exit(WEXITSTATUS(status));
	exit(128 + WTERMSIG(status));
}

/* A number from a /proc/sys file, or -1. */
static long sysctl_value(const char *path)
{
	char text[32] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	ssize_t n = read(fd, text, sizeof(text) - 1);
	close(fd);
	return n > 0 ? strtol(text, NULL, 10) : -1;
}

/* Why the kernel refused CLONE_NEWUSER with `error`.  The sysctls are
 * named only when they are set so that they refuse: otherwise, for EPERM,
 * the cause is the kernel's current_chrooted() (our root is not our mount
 * namespace's) or a seccomp filter of a container. */
static void no_user_namespace(int error)
{
	bool root = geteuid() == 0;
	long clone = sysctl_value("/proc/sys/kernel/unprivileged_userns_clone");
	long apparmor = sysctl_value("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
	long max = sysctl_value("/proc/sys/user/max_user_namespaces");

	errno = error;
	if (max == 0 || error == ENOSPC)
		die_errno(
		    EXIT_FAILURE_FOUND,
		    "sandbox: cannot create a user namespace: user.max_user_namespaces is %ld",
		    max);
	if (!root && clone == 0)
		die(EXIT_FAILURE_FOUND, "sandbox: unprivileged user namespaces are disabled here "
					"(sysctl kernel.unprivileged_userns_clone is 0)");
	if (!root && apparmor == 1)
		die(EXIT_FAILURE_FOUND,
		    "sandbox: AppArmor refuses unprivileged user namespaces here (sysctl "
		    "kernel.apparmor_restrict_unprivileged_userns is 1; a profile for qbinfmt "
		    "allowing userns lifts it)");
	if (error == EPERM)
		die(EXIT_FAILURE_FOUND,
		    "sandbox: the kernel refuses to create a user namespace here (Operation not "
		    "permitted): inside a chroot it always does, so run qbinfmt outside the chroot "
		    "or "
		    "enter the tree with pivot_root in a mount namespace of its own; in a "
		    "container, "
		    "its seccomp profile may forbid it");
	die_errno(EXIT_FAILURE_FOUND, "sandbox: cannot create user, mount and PID namespaces");
}

void sandbox_enter(const struct sandbox_ids *ids)
{
	struct clone_args args = {
	    .flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID,
	    .exit_signal = SIGCHLD,
	};
	int go[2], status;
	char c;

	if (pipe2(go, O_CLOEXEC) < 0)
		die_errno(EXIT_FAILURE_FOUND, "sandbox: pipe");
	block_forwarded();
	/* clone3 without a stack forks; unlike unshare() it puts the child,
	 * not us, in the new namespaces, so that we can map its ids. */
	long pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0)
		no_user_namespace(errno);
	if (pid == 0) {
		/* The sandbox dies with its caller, however the caller ends: its
		 * init killed, the kernel kills everything in its PID namespace.
		 * Set first: a caller already gone closes the pipe below. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
			_exit(EXIT_FAILURE_FOUND);
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(EXIT_FAILURE_FOUND); /* the parent died before mapping us */
		close(go[0]);
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			die_errno(EXIT_FAILURE_FOUND, "sandbox: cannot make mounts private");
		if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
			die_errno(EXIT_FAILURE_FOUND,
				  "sandbox: cannot mount /proc for the new PID namespace");
		return;
	}
	close(go[0]);
	map_ids((pid_t)pid, ids);
	if (write(go[1], "g", 1) != 1)
		die_errno(EXIT_FAILURE_FOUND, "sandbox: pipe");
	close(go[1]);
	forward_signals((pid_t)pid);
	while (waitpid((pid_t)pid, &status, 0) < 0)
		if (errno != EINTR)
			die_errno(EXIT_FAILURE_FOUND, "sandbox: waitpid");
	exit_like(status);
}

noreturn void sandbox_run_as_init(char **argv, void (*prepare)(void *), void *context)
{
	int status;

	pid_t child = fork();
	if (child < 0)
		die_errno(EXIT_FAILURE_FOUND, "sandbox: fork");
	if (child == 0) {
		sigprocmask(SIG_SETMASK, &caller_mask, NULL);
		if (prepare)
			prepare(context);
		execvp(argv[0], argv);
		die_errno(errno == ENOENT ? 127 : 126, "sandbox: cannot run %s", argv[0]);
	}
	forward_signals(child);
	/* PID 1 reaps every orphan; the sandbox ends with its command. */
	for (;;) {
		pid_t done = waitpid(-1, &status, 0);
		if (done == child)
			exit_like(status);
		if (done < 0 && errno != EINTR)
			die_errno(EXIT_FAILURE_FOUND, "sandbox: waitpid");
	}
}
