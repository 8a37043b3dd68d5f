/* SPDX-License-Identifier: MIT */
/* qbinfmt find FILE...: which registered entry the kernel would run. */
#include "binfmt-dir.h"
#include "commands.h"
#include "json.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The first bytes of FILE as prepare_binprm() reads them.  -errno or length. */
static ssize_t read_head(const char *path, unsigned char *head)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;

	if (fd < 0)
		return -errno;
	while (len < BINFMT_HEADER_SIZE) {
		ssize_t n = read(fd, head + len, BINFMT_HEADER_SIZE - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			return -saved;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	return (ssize_t)len;
}

int do_find(const struct options *opts, int argc, char **argv)
{
	struct table live;
	int status = EXIT_OK;

	if (argc < 2)
		die(EXIT_USAGE, "find: which files? (qbinfmt find FILE...)");
	if (!binfmt_dir_is_mount(opts->binfmt_dir))
		die(EXIT_INPUT, "find: %s is not a binfmt_misc mount", opts->binfmt_dir);
	int r = binfmt_dir_load(opts->binfmt_dir, &live);
	if (r < 0) {
		errno = -r;
		die_errno(EXIT_INPUT, "find: cannot read %s", opts->binfmt_dir);
	}
	if (opts->json)
		printf("[");
	for (int i = 1; i < argc; i++) {
		unsigned char head[BINFMT_HEADER_SIZE];
		ssize_t len = read_head(argv[i], head);
		if (len < 0) {
			errno = (int)-len;
			warn_errno("find: %s", argv[i]);
			status = EXIT_INPUT;
			continue;
		}
		/* The first match is the kernel's pick; a mount switched off as a
		 * whole matches nothing. */
		size_t pick;
		const struct binfmt_entry *e = NULL;
		if (table_matches(&live, head, (size_t)len, argv[i], &pick, 1))
			e = &live.items[pick].entry;
		if (opts->json) {
			printf(i > 1 ? ",{\"file\":" : "{\"file\":");
			json_string(stdout, argv[i]);
			printf(",\"entry\":");
			if (e)
				json_string(stdout, e->name);
			else
				printf("null");
			printf(",\"interpreter\":");
			if (e)
				json_string(stdout, e->interpreter);
			else
				printf("null");
			printf("}");
		} else {
			printf("%s\t%s\t%s\n", argv[i], e ? e->name : "-",
			       e ? e->interpreter : "-");
		}
	}
	if (opts->json)
		printf("]\n");
	table_free(&live);
	return status;
}
