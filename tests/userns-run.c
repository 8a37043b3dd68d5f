/* SPDX-License-Identifier: MIT */
/*
 * userns-run CMD [ARGS...]: the kernel-tier harness's namespace maker.
 *
 * Runs CMD as root of a new user namespace with its own mount namespace
 * (mounts private).  When the caller is real root, ids 0..65535 map to
 * themselves, so tests can also run as unprivileged users inside (setuid
 * and execute-only cases); otherwise only the caller's id maps to 0.
 * unshare(1) needs newuidmap for more than one id, even as root.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static void fail(const char *what)
{
	fprintf(stderr, "userns-run: %s: %s\n", what, strerror(errno));
	exit(77);
}

int main(int argc, char **argv)
{
	int ready[2], go[2], status;
	char c, path[64], map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (argc < 2) {
		fprintf(stderr, "usage: userns-run CMD [ARGS...]\n");
		return 2;
	}
	if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(go, O_CLOEXEC) < 0)
		fail("pipe");
	pid_t pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
			fail("unshare (are user namespaces enabled?)");
		if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(99);
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			fail("making mounts private");
		execvp(argv[1], argv + 1);
		fail(argv[1]);
	}
	if (read(ready[0], &c, 1) != 1)
		exit(waitpid(pid, &status, 0) == pid && WIFEXITED(status) ? WEXITSTATUS(status)
									  : 99);
	snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)pid);
	if (uid == 0)
		snprintf(map, sizeof(map), "0 0 65536\n");
	else
		snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	if (write_file(path, map) < 0)
		fail("writing uid_map");
	if (uid != 0) {
		snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)pid);
		if (write_file(path, "deny") < 0)
			fail("writing setgroups");
	}
	snprintf(path, sizeof(path), "/proc/%d/gid_map", (int)pid);
	if (uid == 0)
		snprintf(map, sizeof(map), "0 0 65536\n");
	else
		snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	if (write_file(path, map) < 0)
		fail("writing gid_map");
	if (write(go[1], "g", 1) != 1)
		fail("pipe");
	if (waitpid(pid, &status, 0) != pid)
		fail("waitpid");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
