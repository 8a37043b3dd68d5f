/* SPDX-License-Identifier: MIT */
/*
 * qbinfmt-launch: the interpreter binfmt_misc runs for every foreign
 * binary.  Registered with P, the kernel runs it as
 *
 *     qemu-TARGET-binfmt-P PATH ARGV0 ARGS...
 *
 * and it executes  QEMU -0 ARGV0 -- PATH ARGS...  so the program sees its
 * true argv[0].  It runs for every emulated process: libc only, one
 * allocation, no option parsing of the kernel's argv, and qemu is found
 * in compiled-in folders, never through PATH.
 */
#include "elf-linking.h"
#include "launcher-name.h"
#include "plan.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#ifndef QEMU_DIRS
#define QEMU_DIRS "/usr/bin"
#endif

/* The longest candidate: a folder of QEMU_DIRS (or the one compiled-in
 * path), "/qemu-", the target, "-static", NUL.  Sized to fit rather than
 * PATH_MAX: every 4 KiB of main()'s frame is a page fault per process. */
#ifdef LAUNCHER_QEMU_PATH
#define QEMU_PATH_SIZE sizeof(LAUNCHER_QEMU_PATH)
#else
#define QEMU_PATH_SIZE (sizeof(QEMU_DIRS) + sizeof("/qemu--static") + LAUNCHER_TARGET_MAX)
#endif

/* Inside a chroot the host's qemu path usually does not exist.  In a
 * qbinfmt sandbox (its own PID namespace) PID 1 is the sandbox's init,
 * whose root is the host's: its static qemu is reachable through there. */
#define HOST_ROOT     "/proc/1/root"
#define HOST_ROOT_LEN (sizeof(HOST_ROOT) - 1)

enum { EXIT_USAGE = 2, EXIT_CANNOT_EXEC = 126, EXIT_NOT_FOUND = 127 };

/* One line on stderr.  If stderr is closed the line is lost, nothing else. */
__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{
	char line[PATH_MAX + 512];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(STDERR_FILENO, "qbinfmt-launch: ", 16) > 0)
		(void)!write(STDERR_FILENO, line, (size_t)n);
}

/* The i-th emulator to try: each folder's qemu-T-static, then qemu-T;
 * or the one compiled-in path.  false when there are no more.  Names only:
 * whether one is static is the file's to say (elf-linking.h), asked only
 * where the answer changes what we do. */
static bool qemu_candidate(const char *target, int i, char path[QEMU_PATH_SIZE])
{
#ifdef LAUNCHER_QEMU_PATH
	(void)target;
	if (i > 0)
		return false;
	return snprintf(path, QEMU_PATH_SIZE, "%s", LAUNCHER_QEMU_PATH) < (int)QEMU_PATH_SIZE;
#else
	const char *dir = QEMU_DIRS;
	size_t len;

	for (int skip = i / 2; skip > 0; skip--) {
		dir = strchr(dir, ':');
		if (!dir)
			return false;
		dir++;
	}
	len = strcspn(dir, ":");
	int n = snprintf(path, QEMU_PATH_SIZE, "%.*s/qemu-%s%s", (int)len, dir, target,
			 i % 2 == 0 ? "-static" : "");
	return n > 0 && n < (int)QEMU_PATH_SIZE;
#endif
}

/*
 * The emulators to try, in order: qemu_candidate()'s names; then, when
 * none of those exists at all (perhaps we are in a chroot), the same names
 * through HOST_ROOT, static ones only (a dynamic one would look for its
 * libraries in the chroot), and never in secure mode, where PID 1 could be
 * anybody's.
 */
struct candidates {
	const char *target;
	bool secure;
	bool through_host_root;
	int next;
};

/* The next emulator into qemu; false when there are no more.  found_one:
 * one of qemu_candidate()'s exists (its execve failed otherwise than with
 * ENOENT), so there is no looking through HOST_ROOT. */
static bool next_candidate(struct candidates *c, bool found_one,
			   char qemu[HOST_ROOT_LEN + QEMU_PATH_SIZE])
{
	if (!c->through_host_root) {
		if (qemu_candidate(c->target, c->next, qemu)) {
			c->next++;
			return true;
		}
		if (found_one || c->secure)
			return false;
		c->through_host_root = true;
		c->next = 0;
	}
	while (qemu_candidate(c->target, c->next++, qemu + HOST_ROOT_LEN)) {
		memcpy(qemu, HOST_ROOT, HOST_ROOT_LEN);
		if (elf_linking_of_path(qemu) == ELF_LINKING_STATIC)
			return true;
	}
	return false;
}

static noreturn void usage(const char *target)
{
	char path[QEMU_PATH_SIZE];

	for (int i = 0; qemu_candidate(target, i, path); i++) {
		if (access(path, X_OK) == 0) {
			say("usage: qemu-%s-binfmt-P PATH ARGV0 [ARG...]: the binfmt_misc interpreter for %s, running %s (registered by qbinfmt with the P flag)",
			    target, target, path);
			exit(EXIT_USAGE);
		}
	}
	say("usage: qemu-%s-binfmt-P PATH ARGV0 [ARG...]: the binfmt_misc interpreter for %s; no qemu-%s found in %s",
	    target, target, target, QEMU_DIRS);
	exit(EXIT_USAGE);
}

static bool registered_with_p(void)
{
	unsigned long at_flags = getauxval(AT_FLAGS);
	struct utsname u;
	int major, minor;

	if (at_flags & 1)
		return true;
	if (uname(&u) < 0 || !plan_kernel_version(u.release, &major, &minor))
		return true;
	return plan_preserve_argv0(at_flags, major, minor);
}

/* Moves the kernel's descriptor off 0-2 as plan_exec_fd() says; its number. */
static int move_exec_fd(const char *path, int fd, bool secure)
{
	enum plan_exec_fd what = plan_exec_fd(fd, secure);
	int moved, null;

	if (what == PLAN_EXEC_FD_KEEP)
		return fd;
	moved = fcntl(fd, F_DUPFD, 3);
	if (moved < 0) {
		say("%s: cannot move descriptor %d: %s", path, fd, strerror(errno));
		exit(EXIT_CANNOT_EXEC);
	}
	if (what == PLAN_EXEC_FD_CLOSE) {
		close(fd);
		return moved;
	}
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null < 0 || dup2(null, fd) < 0) {
		say("%s: cannot put /dev/null on descriptor %d: %s", path, fd, strerror(errno));
		exit(EXIT_CANNOT_EXEC);
	}
	close(null);
	return moved;
}

/*
 * With O (and C, which implies it) the kernel gives us the binary as an
 * open descriptor.  qemu only takes such a descriptor from its own aux
 * vector, which an exec cannot set, so qemu must open a path: PATH when it
 * is the very file the kernel opened and is readable; otherwise the
 * descriptor's /proc/self/fd/N, kept open across the exec.  In secure mode
 * always the descriptor: PATH could be swapped for another file between
 * the kernel's check of the setuid bit and qemu's open.
 */
static const char *program_path(const char *path, int fd, bool secure, char fd_path[32])
{
	struct stat by_path, by_fd;
	int probe;

	/* A /proc/self/fd/N or /dev/fd/N path names our own descriptors, where
	 * N may well be the one the kernel just gave us: use the descriptor. */
	bool names_a_descriptor =
	    strncmp(path, "/proc/", 6) == 0 || strncmp(path, "/dev/fd/", 8) == 0;

	if (!secure && !names_a_descriptor && fstat(fd, &by_fd) == 0 && stat(path, &by_path) == 0 &&
	    by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino) {
		probe = open(path, O_RDONLY | O_CLOEXEC);
		if (probe >= 0) {
			close(probe);
			close(fd);
			return path;
		}
	}
	fd = move_exec_fd(path, fd, secure);
	snprintf(fd_path, 32, "/proc/self/fd/%d", fd);
	probe = open(fd_path, O_RDONLY | O_CLOEXEC);
	if (probe < 0) {
		say("%s: cannot be read (%s): qemu must read the binaries it runs; for execute-only binaries register qemu directly (qbinfmt install --wiring native)",
		    path, strerror(errno));
		exit(EXIT_CANNOT_EXEC);
	}
	close(probe);
	if (fcntl(fd, F_SETFD, 0) < 0) {
		say("%s: cannot keep descriptor %d open for qemu: %s", path, fd, strerror(errno));
		exit(EXIT_CANNOT_EXEC);
	}
	return fd_path;
}

static int own_invocation(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("qbinfmt-launch %s\n", PACKAGE_VERSION);
		return 0;
	}
	say("run me by my per-target names, qemu-TARGET-binfmt-P (links in the qbinfmt libexec folder), as binfmt_misc does; see qbinfmt-launch(8)");
	return argc == 2 && strcmp(argv[1], "--help") == 0 ? 0 : EXIT_USAGE;
}

int main(int argc, char **argv, char **envp)
{
	char target[LAUNCHER_TARGET_MAX + 1], qemu[HOST_ROOT_LEN + QEMU_PATH_SIZE], fd_path[32];
	char failed[QEMU_PATH_SIZE];
	struct plan_layout layout;
	struct plan plan = {0};
	int first_error = 0;

	/* The target and CPU model from our name: the kernel gives argv[0]
	 * the registered interpreter's path. */
	if (!launcher_name_parse(argc > 0 ? argv[0] : NULL, target, &plan.cpu))
		return own_invocation(argc, argv);
	if (!plan_layout(argc, argv, registered_with_p(), &layout))
		usage(target);

	plan.secure = getauxval(AT_SECURE) != 0;
	if (plan.secure) {
		/* prlimit, not setrlimit: musl's setrlimit stops every thread to
		 * apply it, machinery a one-thread launcher need not carry. */
		struct rlimit core;
		if (prlimit(0, RLIMIT_CORE, NULL, &core) < 0 ||
		    (plan_core_limit(plan.secure, &core) &&
		     prlimit(0, RLIMIT_CORE, &core, NULL) < 0)) {
			say("%s: cannot turn off qemu's core dumps: %s", target, strerror(errno));
			return EXIT_CANNOT_EXEC;
		}
	}
	plan.program_path = layout.path;
	errno = 0;
	unsigned long execfd = getauxval(AT_EXECFD);
	if (errno != ENOENT && execfd <= INT_MAX)
		plan.program_path = program_path(layout.path, (int)execfd, plan.secure, fd_path);

	/* The new argv and environment, sized up front: on the stack when they
	 * fit (an environment of up to ~80 variables), else the one allocation.
	 * The heap costs two brk calls and a page fault per emulated process. */
	char *slots_on_stack[256];
	size_t argv_slots = plan_argv_capacity(argc, envp);
	size_t slots = argv_slots + plan_env_capacity(envp);
	char **new_argv = slots <= sizeof(slots_on_stack) / sizeof(slots_on_stack[0])
			      ? slots_on_stack
			      : malloc(slots * sizeof(char *));
	if (!new_argv) {
		say("%s: out of memory", target);
		return EXIT_CANNOT_EXEC;
	}
	char **new_env = new_argv + argv_slots;

	/* Static or not decides only where loader variables go (plan_build());
	 * with none in the environment the question is not asked, and no
	 * file is read on this path. */
	bool ask_linking = !plan.secure && plan_env_has_loader_variables(envp);
	struct candidates candidates = {.target = target, .secure = plan.secure};
	bool built = false;
	plan.qemu = qemu;
	while (next_candidate(&candidates, first_error != 0, qemu)) {
		/* argv[0] is the qemu buffer itself, which next_candidate()
		 * refilled: a candidate whose linking differs moves loader
		 * variables elsewhere and needs a new plan, the others none. */
		bool qemu_static = candidates.through_host_root ||
				   (ask_linking && elf_linking_of_path(qemu) == ELF_LINKING_STATIC);
		if (!built || qemu_static != plan.qemu_static) {
			plan.qemu_static = qemu_static;
			plan_build(&plan, &layout, argc, argv, envp, new_argv, new_env);
			built = true;
		}
		execve(qemu, new_argv, new_env);
		if (errno != ENOENT && !first_error && !candidates.through_host_root) {
			first_error = errno;
			memcpy(failed, qemu, sizeof(failed));
		}
	}
	if (first_error) {
		say("%s: cannot run %s: %s", target, failed, strerror(first_error));
		return EXIT_CANNOT_EXEC;
	}
	say("%s: no qemu-%s or qemu-%s-static in %s (nor a static one through %s): is qemu-user installed, and visible inside this chroot or container?",
	    target, target, target, QEMU_DIRS, HOST_ROOT);
	return EXIT_NOT_FOUND;
}
