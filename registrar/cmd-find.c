/* SPDX-License-Identifier: MIT */
/* qbinfmt find FILE...: which registered entry the kernel would run. */
#include "binfmt-dir.h"
#include "commands.h"
#include "emulators.h"
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

/* Why the kernel picks what it picks for one file: every entry that
 * matches (newest first; the first is the pick) and those that would if
 * they were enabled. */
struct reason {
	size_t matches[8], match_count;
	size_t disabled[8], disabled_count;
};

static void weigh(const struct table *live, const unsigned char *head, size_t len, const char *file,
		  struct reason *r)
{
	r->match_count = table_matches(live, head, len, file, r->matches, 8);
	r->disabled_count = 0;
	for (size_t i = live->count; i-- > 0;) {
		struct binfmt_entry enabled = live->items[i].entry;
		if (enabled.enabled)
			continue;
		enabled.enabled = true;
		if (entry_match(&enabled, head, len, file) && r->disabled_count < 8)
			r->disabled[r->disabled_count++] = i;
	}
}

/* "qemu, the newest of 2 enabled entries that match..." and the like:
 * the emulator that runs the file, and why that one. */
static void explain(const struct table *live, const struct reason *r, char *out, size_t size)
{
	size_t used = 0;
	char named[BINFMT_NAME_MAX + 64];

#define SAY(...) (used += (size_t)snprintf(out + used, used < size ? size - used : 0, __VA_ARGS__))
	out[0] = '\0';
	const struct emulator *emulator =
	    r->match_count ? emulator_of(&live->items[r->matches[0]].entry) : NULL;
	if (emulator && !live->switched_off)
		SAY("%s, ", emulator->name);
	if (live->switched_off)
		SAY("binfmt_misc is switched off as a whole (its status file says disabled)");
	else if (r->match_count == 0)
		SAY("no enabled entry matches");
	else if (r->match_count == 1)
		SAY("the one enabled entry that matches");
	else {
		SAY("the newest of %zu enabled entries that match: the kernel asks the newest registration first; also",
		    r->match_count);
		for (size_t i = 1; i < r->match_count && i < 8; i++)
			SAY("%s %s", i > 1 ? "," : "",
			    emulator_describe(&live->items[r->matches[i]].entry, named,
					      sizeof(named)));
	}
	for (size_t i = 0; i < r->disabled_count; i++)
		SAY("; %s matches but is disabled",
		    emulator_describe(&live->items[r->disabled[i]].entry, named, sizeof(named)));
#undef SAY
	if (used >= size && size > 4)
		memcpy(out + size - 4, "...", 4);
}

int find_files(const struct global_options *global, const struct binfmt_target *where_, int count,
	       char **files)
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
	if (global->json) {
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
		struct reason r;
		char why[2048];
		weigh(&live, head, (size_t)len, files[i], &r);
		explain(&live, &r, why, sizeof(why));
		const struct binfmt_entry *e =
		    r.match_count ? &live.items[r.matches[0]].entry : NULL;
		if (global->json) {
			json_object_open(&j);
			json_field_string(&j, "file", files[i]);
			json_field_string(&j, "entry", e ? e->name : NULL);
			json_field_string(&j, "interpreter", e ? e->interpreter : NULL);
			const struct emulator *emulator = e ? emulator_of(e) : NULL;
			json_field_string(&j, "emulator", emulator ? emulator->name : NULL);
			json_key(&j, "matches");
			json_array_open(&j);
			for (size_t k = 0; k < r.match_count && k < 8; k++)
				json_string(&j, live.items[r.matches[k]].entry.name);
			json_array_close(&j);
			json_key(&j, "disabled_matches");
			json_array_open(&j);
			for (size_t k = 0; k < r.disabled_count; k++)
				json_string(&j, live.items[r.disabled[k]].entry.name);
			json_array_close(&j);
			json_field_string(&j, "why", why);
			json_object_close(&j);
		} else {
			char file[4 * PATH_MAX], name[4 * BINFMT_NAME_MAX + 1],
			    interpreter[4 * 1920], shown_why[4 * sizeof(why)];
			quote_terminal(file, sizeof(file), files[i]);
			quote_terminal(name, sizeof(name), e ? e->name : "-");
			quote_terminal(interpreter, sizeof(interpreter), e ? e->interpreter : "-");
			quote_terminal(shown_why, sizeof(shown_why), why);
			printf("%s\t%s\t%s\t%s\n", file, name, interpreter, shown_why);
		}
	}
	if (global->json) {
		json_array_close(&j);
		json_finish(&j);
	}
	table_free(&live);
	return status;
}

static int run(const void *globals, int argc, char **argv)
{
	return run_on_files(globals, &find_command, argc, argv, BINFMT_READ, false, find_files);
}

const struct cli_command find_command = {
    .name = "find",
    .operands = "FILE...",
    .summary = "which entry the kernel would run for each FILE",
    .description = "For each FILE, a line of four tab-separated fields: FILE, the entry the\n"
		   "kernel picks (the newest registration that matches) or '-', its\n"
		   "interpreter, and why: the emulator it runs (qemu, FEX-Emu, box64, box86,\n"
		   "Rosetta), which other entries match, and which would if they were enabled.\n",
    .example = "  qbinfmt find ./hello-aarch64\n",
    .run = run,
};
