/* SPDX-License-Identifier: MIT */
#include "namespace.h"

#include "binfmt-dir.h"
#include "cleanup.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static dev_t outer_binfmt;
static bool outer_known;
static int joined_initial = -1; /* after namespace_join(): is the one joined the initial one? */

bool namespace_is_initial(void)
{
	if (joined_initial >= 0)
		return joined_initial;
	/* The initial user namespace maps every id to itself. */
	char map[128] = "";
	_cleanup_fclose_ FILE *f = fopen("/proc/self/uid_map", "re");
	unsigned long inside, outside, count;

	if (!f || !fgets(map, sizeof(map), f))
		return true;
	return sscanf(map, "%lu %lu %lu", &inside, &outside, &count) == 3 && inside == 0 &&
	       outside == 0 && count == 4294967295UL;
}

dev_t namespace_outer_binfmt(void)
{
	const char *handed = getenv(NAMESPACE_OUTER_ENV);
	unsigned major_number, minor_number;

	if (!outer_known && handed && sscanf(handed, "%u:%u", &major_number, &minor_number) == 2) {
		outer_binfmt = makedev(major_number, minor_number);
		outer_known = true;
	}
	return outer_binfmt;
}

void namespace_export_outer_binfmt(void)
{
	char text[32];
	dev_t dev = binfmt_dir_device(BINFMT_DIR_DEFAULT);

	snprintf(text, sizeof(text), "%u:%u", major(dev), minor(dev));
	setenv(NAMESPACE_OUTER_ENV, text, 1);
}

static int open_namespace(pid_t pid, const char *which, struct stat *st)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, which);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, st) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int fail_not_yours(struct failure *f, pid_t pid)
{
	return fail(
	    f, EXIT_FAILURE_FOUND,
	    "--namespace-of %d: cannot enter its user namespace: it is not one you own (a process of yours, started by you or your podman)",
	    (int)pid);
}

/* A process that has exited but is not yet reaped (a zombie) keeps its
 * /proc folder and loses its namespaces. */
static bool has_exited(pid_t pid)
{
	char path[64], line[256];
	bool zombie = false;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	_cleanup_fclose_ FILE *status = fopen(path, "re");
	while (status && fgets(line, sizeof(line), status))
		if (!strncmp(line, "State:", 6))
			zombie = strchr(line, 'Z') || strchr(line, 'X');
	return zombie;
}

static int fail_open(struct failure *f, pid_t pid, const char *which)
{
	int error = errno;

	if (error == ENOENT && access("/proc/self", F_OK) == 0) {
		char path[64];
		snprintf(path, sizeof(path), "/proc/%d", (int)pid);
		if (access(path, F_OK) < 0)
			return fail(f, EXIT_FAILURE_FOUND, "--namespace-of %d: no such process",
				    (int)pid);
		if (has_exited(pid))
			return fail(
			    f, EXIT_FAILURE_FOUND,
			    "--namespace-of %d: the process has exited (its parent has not reaped it yet): it has no namespaces left",
			    (int)pid);
	}
	/* Another user's process: /proc hides its namespaces. */
	if (error == EACCES || error == EPERM)
		return fail_not_yours(f, pid);
	return fail_errno(f, EXIT_FAILURE_FOUND, error, "--namespace-of %d: its %s namespace",
			  (int)pid, which);
}

int namespace_join(pid_t pid, struct failure *f)
{
	struct stat theirs, ours, mnt;

	outer_binfmt = binfmt_dir_device(BINFMT_DIR_DEFAULT);
	outer_known = true;
	_cleanup_close_ int user = open_namespace(pid, "user", &theirs);
	if (user < 0)
		return fail_open(f, pid, "user");
	_cleanup_close_ int mount_ns = open_namespace(pid, "mnt", &mnt);
	if (mount_ns < 0)
		return fail_open(f, pid, "mount");
	struct stat our_mnt;
	if (stat("/proc/self/ns/user", &ours) < 0 || stat("/proc/self/ns/mnt", &our_mnt) < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "/proc/self/ns");
	/* Known now, while /proc is ours: once in PID's mount namespace,
	 * /proc may be that of a PID namespace we are not in (a sandbox's),
	 * where /proc/self names nothing.  A user namespace we can enter is
	 * ours or a descendant of ours, never the initial one. */
	bool initial = theirs.st_ino == ours.st_ino && namespace_is_initial();
	/* The working directory stays where it was: FILE operands keep
	 * meaning what the caller meant (setns resets it to the new root). */
	_cleanup_close_ int cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (theirs.st_ino != ours.st_ino && setns(user, CLONE_NEWUSER) < 0) {
		if (errno == EPERM)
			return fail_not_yours(f, pid);
		return fail_errno(f, EXIT_FAILURE_FOUND, errno,
				  "--namespace-of %d: cannot enter its user namespace", (int)pid);
	}
	/* Our own mount namespace is where we are: setns() into it would
	 * need CAP_SYS_ADMIN over it, which a user lacks over the host's. */
	bool same_mounts = theirs.st_ino == ours.st_ino && mnt.st_ino == our_mnt.st_ino &&
			   mnt.st_dev == our_mnt.st_dev;
	if (!same_mounts && setns(mount_ns, CLONE_NEWNS) < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno,
				  "--namespace-of %d: cannot enter its mount namespace", (int)pid);
	if (cwd >= 0 && fchdir(cwd) < 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno,
				  "cannot keep the working directory");
	joined_initial = initial;
	return 0;
}
