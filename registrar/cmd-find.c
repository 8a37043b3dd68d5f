/* SPDX-License-Identifier: MIT */
/* qbinfmt find FILE...: which registered entry the kernel would run. */
#include "binfmt-dir.h"
#include "commands.h"
#include "files.h"
#include "json.h"
#include "quote.h"
#include "registrar.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The first bytes of FILE as prepare_binprm() reads them, from a regular
 * file only: the kernel execs nothing else, and a FIFO would block us.
 * The length, or -errno. */
static long read_head(const char *path, unsigned char *head)
{
	int fd = file_open_regular(AT_FDCWD, path, true, false);

	if (fd < 0)
		return fd;
	long n = file_read_prefix(fd, head, BINFMT_HEADER_SIZE);
	close(fd);
	return n;
}

int find_files(const struct binfmt_target *where_, int count, char **files)
{
	const struct binfmt_target where = *where_;
	const char *command = cli_command_path();
	struct table live;
	struct json j;
	int status = EXIT_OK;

	table_init(&live);
	if (where.own || binfmt_dir_device(where.dir)) {
		int r = binfmt_dir_load(where.dir, &live);
		if (r < 0) {
			errno = -r;
			die_errno(EXIT_INPUT, "%s: cannot read %s", command, where.dir);
		}
	}
	if (global.json) {
		json_start(&j, stdout);
		json_array_open(&j);
	}
	for (int i = 0; i < count; i++) {
		unsigned char head[BINFMT_HEADER_SIZE];
		long len = read_head(files[i], head);
		if (len < 0) {
			errno = (int)-len;
			if (len == -EINVAL)
				warn("%s: %s: not a regular file (the kernel runs nothing else)",
				     command, files[i]);
			else
				warn_errno("%s: %s", command, files[i]);
			status = EXIT_INPUT;
			continue;
		}
		/* The first match is the kernel's pick; a mount switched off as a
		 * whole matches nothing. */
		size_t pick;
		const struct binfmt_entry *e = NULL;
		if (table_matches(&live, head, (size_t)len, files[i], &pick, 1))
			e = &live.items[pick].entry;
		if (global.json) {
			json_object_open(&j);
			json_field_string(&j, "file", files[i]);
			json_field_string(&j, "entry", e ? e->name : NULL);
			json_field_string(&j, "interpreter", e ? e->interpreter : NULL);
			json_object_close(&j);
		} else {
			char file[4 * PATH_MAX], name[4 * BINFMT_NAME_MAX + 1],
			    interpreter[4 * 1920];
			quote_terminal(file, sizeof(file), files[i]);
			quote_terminal(name, sizeof(name), e ? e->name : "-");
			quote_terminal(interpreter, sizeof(interpreter), e ? e->interpreter : "-");
			printf("%s\t%s\t%s\n", file, name, interpreter);
		}
	}
	if (global.json) {
		json_array_close(&j);
		json_finish(&j);
	}
	table_free(&live);
	return status;
}

static int run(int argc, char **argv)
{
	struct binfmt_target where;
	int first = cli_parse(&find_command, argc, argv, NULL, NULL);

	if (first <= 0)
		return cli_exit_status(first);
	if (first >= argc)
		die(EXIT_USAGE, "find: which files? (qbinfmt find FILE...)");
	registrar_binfmt("find", BINFMT_READ, &where);
	return find_files(&where, argc - first, argv + first);
}

const struct cli_command find_command = {
    .name = "find",
    .operands = "FILE...",
    .summary = "which entry the kernel would run for each FILE",
    .description = "For each FILE: the entry the kernel picks (the newest registration that\n"
		   "matches), and its interpreter; '-' when none does.  'qbinfmt doctor FILE'\n"
		   "says why.\n",
    .example = "  qbinfmt find ./hello-aarch64\n",
    .run = run,
};
