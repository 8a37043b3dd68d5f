/* SPDX-License-Identifier: MIT */
#include "qemu-ask.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run qemu with args; what it writes on `stream` (STDOUT_FILENO or
 * STDERR_FILENO) into out, the other to /dev/null.  The bytes read, or
 * -1. */
static ssize_t run_qemu(const char *qemu, const char *const *args, int stream, char *out,
			size_t size)
{
	int pipefd[2], status;
	size_t len = 0;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (null < 0 || dup2(null, STDIN_FILENO) < 0 ||
		    dup2(null, stream == STDOUT_FILENO ? STDERR_FILENO : STDOUT_FILENO) < 0 ||
		    dup2(pipefd[1], stream) < 0)
			_exit(127);
		execv(qemu, (char *const *)args);
		_exit(127);
	}
	close(pipefd[1]);
	for (;;) {
		ssize_t n = read(pipefd[0], out + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len == size - 1) {
			/* The rest is not wanted; drain it so qemu is not blocked. */
			char sink[512];
			while (read(pipefd[0], sink, sizeof(sink)) > 0)
				;
			break;
		}
	}
	out[len] = '\0';
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return (ssize_t)len;
}

int qemu_version_parse(const char *output)
{
	const char *v = strstr(output, " version ");
	int major, minor;

	if (!v || sscanf(v + 9, "%d.%d", &major, &minor) != 2 || major < 0 || minor < 0 ||
	    minor > 99)
		return -1;
	return major * 100 + minor;
}

int qemu_version(const char *qemu)
{
	const char *args[] = {qemu, "-version", NULL};
	char out[256];

	if (run_qemu(qemu, args, STDOUT_FILENO, out, sizeof(out)) <= 0)
		return -1;
	return qemu_version_parse(out);
}

/* `-cpu help`'s names, comma-separated: the first word of each line,
 * after 7.2's per-target prefixes ("x86 ", "s390 ", "PowerPC "), without
 * the "Available CPUs:" header. */
static void cpu_list(const char *qemu, char *list, size_t size)
{
	const char *args[] = {qemu, "-cpu", "help", NULL};
	char out[16384];
	size_t used = 0;

	list[0] = '\0';
	if (run_qemu(qemu, args, STDOUT_FILENO, out, sizeof(out)) <= 0)
		return;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		line += strspn(line, " \t");
		for (const char *prefix = "x86 \0s390 \0PowerPC \0"; *prefix;
		     prefix += strlen(prefix) + 1)
			if (!strncmp(line, prefix, strlen(prefix)))
				line += strlen(prefix);
		line += strspn(line, " \t");
		size_t len = strcspn(line, " \t");
		/* "Available CPUs:" and the like are headers. */
		if (len == 0 || line[strlen(line) - 1] == ':')
			continue;
		int n =
		    snprintf(list + used, size - used, "%s%.*s", used ? ", " : "", (int)len, line);
		if (n < 0 || (size_t)n >= size - used) {
			list[used] = '\0';
			return;
		}
		used += (size_t)n;
	}
}

int qemu_check_cpu(const char *qemu, const char *model, char *why, size_t why_size)
{
	const char *args[] = {qemu, "-cpu", model, "/dev/null", NULL};
	char err[1024], list[2048];

	ssize_t n = run_qemu(qemu, args, STDERR_FILENO, err, sizeof(err));
	if (n < 0) {
		snprintf(why, why_size, "cannot run %s to ask it: %s", qemu, strerror(errno));
		return -1;
	}
	if (n == 0)
		return 0;
	err[strcspn(err, "\n")] = '\0';
	cpu_list(qemu, list, sizeof(list));
	snprintf(why, why_size, "%s refuses -cpu %s: %s%s%s", qemu, model, err,
		 list[0] ? "; its models: " : "", list);
	return -1;
}
