/* SPDX-License-Identifier: MIT */
#include "sandbox-ns.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

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
static int fail_user_namespace(int error, struct failure *f)
{
	bool root = geteuid() == 0;
	long clone = sysctl_value("/proc/sys/kernel/unprivileged_userns_clone");
	long apparmor = sysctl_value("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
	long max = sysctl_value("/proc/sys/user/max_user_namespaces");

	if (max == 0 || error == ENOSPC)
		return fail_errno(f, EXIT_FAILURE_FOUND, error,
				  "cannot create a user namespace: user.max_user_namespaces is %ld",
				  max);
	if (!root && clone == 0)
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "unprivileged user namespaces are disabled here (sysctl kernel.unprivileged_userns_clone is 0)");
	if (!root && apparmor == 1)
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "AppArmor refuses unprivileged user namespaces here (sysctl kernel.apparmor_restrict_unprivileged_userns is 1; a profile for qbinfmt allowing userns lifts it)");
	if (error == EPERM)
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "the kernel refuses to create a user namespace here (Operation not permitted): inside a chroot it always does, so run qbinfmt outside the chroot or enter the tree with pivot_root in a mount namespace of its own; in a container, its seccomp profile may forbid it");
	return fail_errno(f, EXIT_FAILURE_FOUND, error,
			  "cannot create user, mount and PID namespaces");
}

/* The exit status that tells the caller how the process ended. */
static int status_of(int wait_status)
{
	if (WIFEXITED(wait_status))
		return WEXITSTATUS(wait_status);
	return 128 + WTERMSIG(wait_status);
}

/* In the child of clone3: wait for the caller to map our ids, then make
 * the namespaces ours. */
static enum sandbox_process become_init(int go[2], struct failure *f)
{
	char c;

	/* The sandbox dies with its caller, however the caller ends: its
	 * init killed, the kernel kills everything in its PID namespace.
	 * Set first: a caller already gone closes the pipe below. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		_exit(EXIT_FAILURE_FOUND);
	close(go[1]);
	if (read(go[0], &c, 1) != 1)
		_exit(EXIT_FAILURE_FOUND); /* the caller ended before mapping us, and said why */
	close(go[0]);
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "cannot make mounts private");
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno,
				  "cannot mount /proc for the new PID namespace");
	return SANDBOX_INSIDE;
}

enum sandbox_process sandbox_enter(const struct sandbox_ids *ids, int *status, struct failure *f)
{
	struct clone_args args = {
	    .flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID,
	    .exit_signal = SIGCHLD,
	};
	int go[2], wait_status;

	if (pipe2(go, O_CLOEXEC) < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "pipe");
	block_forwarded();
	/* clone3 without a stack forks; unlike unshare() it puts the child,
	 * not us, in the new namespaces, so that we can map its ids. */
	long pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0)
		return fail_user_namespace(errno, f);
	if (pid == 0)
		return become_init(go, f);
	close(go[0]);
	/* On failure the child, waiting on the pipe, ends with us. */
	if (sandbox_map_ids((pid_t)pid, ids, f) < 0)
		return SANDBOX_FAILED;
	if (write(go[1], "g", 1) != 1)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "pipe");
	close(go[1]);
	forward_signals((pid_t)pid);
	while (waitpid((pid_t)pid, &wait_status, 0) < 0)
		if (errno != EINTR)
			return fail_errno(f, EXIT_FAILURE_FOUND, errno, "waitpid");
	*status = status_of(wait_status);
	return SANDBOX_OVER;
}

enum sandbox_process sandbox_start_command(int *status, struct failure *f)
{
	int wait_status;

	pid_t child = fork();
	if (child < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "fork");
	if (child == 0) {
		sigprocmask(SIG_SETMASK, &caller_mask, NULL);
		return SANDBOX_INSIDE;
	}
	forward_signals(child);
	/* PID 1 reaps every orphan; the sandbox ends with its command. */
	for (;;) {
		pid_t done = waitpid(-1, &wait_status, 0);
		if (done == child) {
			*status = status_of(wait_status);
			return SANDBOX_OVER;
		}
		if (done < 0 && errno != EINTR)
			return fail_errno(f, EXIT_FAILURE_FOUND, errno, "waitpid");
	}
}
