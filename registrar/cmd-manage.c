/* SPDX-License-Identifier: MIT */
/* qbinfmt remove | enable | disable [--all | TARGET...]: only entries
 * qbinfmt installed, unless --force names another one. */
#include "binfmt-dir.h"
#include "commands.h"
#include "json.h"
#include "registrar.h"
#include "report.h"
#include "targets.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

enum action { ACTION_REMOVE, ACTION_ENABLE, ACTION_DISABLE };

static const char *const verbs[] = {"remove", "enable", "disable"};
static const char *const commands_written[] = {"-1", "1", "0"};
static const char *const done_words[] = {"removed", "enabled", "disabled"};

struct row {
	char name[BINFMT_NAME_MAX + 1];
	const char *outcome;
	char detail[256];
	bool ok;
};

/* Act on one entry and check the kernel agrees afterwards. */
static void act(const struct options *opts, enum action a, const char *name, bool present,
		struct row *row)
{
	struct binfmt_entry after;

	row->ok = true;
	if (!present) {
		row->outcome = a == ACTION_REMOVE ? "absent" : "failed";
		row->ok = a == ACTION_REMOVE;
		snprintf(row->detail, sizeof(row->detail), "no entry %s in %s", name,
			 opts->binfmt_dir);
		return;
	}
	if (opts->dry_run) {
		row->outcome = "would be";
		snprintf(row->detail, sizeof(row->detail), "%s", done_words[a]);
		return;
	}
	int r = binfmt_dir_command(opts->binfmt_dir, name, commands_written[a]);
	if (r < 0) {
		row->outcome = "failed";
		row->ok = false;
		snprintf(row->detail, sizeof(row->detail), "cannot write %s/%s: %s",
			 opts->binfmt_dir, name, strerror(-r));
		return;
	}
	r = binfmt_dir_read(opts->binfmt_dir, name, &after);
	bool right =
	    a == ACTION_REMOVE ? r == -ENOENT : r == 0 && after.enabled == (a == ACTION_ENABLE);
	row->outcome = right ? done_words[a] : "failed";
	row->ok = right;
	if (!right)
		snprintf(row->detail, sizeof(row->detail), "the kernel did not take it");
}

static int manage(const struct options *opts, enum action a, int argc, char **argv)
{
	static const struct option long_options[] = {
	    {"all", no_argument, NULL, 'a'},
	    {"force", no_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	const char *verb = verbs[a];
	bool all = false, force = false, all_ok = true;
	struct table live;
	struct row rows[256];
	size_t n = 0;
	int c;

	/* 0, not 1: glibc then forgets the "+" mode of the global parse. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "af", long_options, NULL)) != -1) {
		if (c == 'a')
			all = true;
		else if (c == 'f')
			force = true;
		else
			die(EXIT_USAGE, "%s: try 'qbinfmt --help'", verb);
	}
	argc -= optind;
	argv += optind;
	if (all == (argc > 0))
		die(EXIT_USAGE, "%s: give --all or target names, not %s", verb,
		    all ? "both" : "neither");
	registrar_need_mount(opts->binfmt_dir);
	int r = binfmt_dir_load(opts->binfmt_dir, &live);
	if (r < 0) {
		errno = -r;
		die_errno(EXIT_FAILURE_FOUND, "%s: cannot read %s", verb, opts->binfmt_dir);
	}

	if (all) {
		for (size_t i = 0; i < live.count && n < 256; i++) {
			if (!registrar_owns(live.items[i].entry.name))
				continue;
			struct row *row = &rows[n++];
			memset(row, 0, sizeof(*row));
			snprintf(row->name, sizeof(row->name), "%s", live.items[i].entry.name);
			act(opts, a, row->name, true, row);
			all_ok &= row->ok;
		}
	}
	for (int i = 0; i < argc && n < 256; i++) {
		const struct target *t = target_lookup(argv[i]);
		struct row *row = &rows[n++];
		memset(row, 0, sizeof(*row));
		if (t)
			snprintf(row->name, sizeof(row->name), "%s%s", TARGET_ENTRY_PREFIX,
				 t->name);
		else
			snprintf(row->name, sizeof(row->name), "%s", argv[i]);
		if (!t && !strchr(argv[i], '/') && !registrar_owns(row->name) && !force) {
			row->outcome = "refused";
			snprintf(row->detail, sizeof(row->detail),
				 "not a target, and not installed by qbinfmt; name it with --force "
				 "to %s it anyway",
				 verb);
		} else if (strchr(row->name, '/') || !strcmp(row->name, "register") ||
			   !strcmp(row->name, "status") || row->name[0] == '.') {
			row->outcome = "refused";
			snprintf(row->detail, sizeof(row->detail), "not an entry name");
		} else {
			act(opts, a, row->name, binfmt_dir_has(&live, row->name), row);
			all_ok &= row->ok;
			continue;
		}
		row->ok = false;
		all_ok = false;
	}
	table_free(&live);

	if (opts->json)
		printf("[");
	for (size_t i = 0; i < n; i++) {
		if (opts->json) {
			printf(i ? ",{\"entry\":" : "{\"entry\":");
			json_string(stdout, rows[i].name);
			printf(",\"outcome\":");
			json_string(stdout, rows[i].outcome);
			printf(",\"ok\":%s,\"detail\":", rows[i].ok ? "true" : "false");
			json_string(stdout, rows[i].detail);
			printf("}");
		} else {
			printf("%-20s %-9s %s\n", rows[i].name, rows[i].outcome, rows[i].detail);
		}
		if (!rows[i].ok)
			warn("%s %s: %s", verb, rows[i].name, rows[i].detail);
	}
	if (opts->json)
		printf("]\n");
	return all_ok ? EXIT_OK : EXIT_FAILURE_FOUND;
}

int do_remove(const struct options *opts, int argc, char **argv)
{
	return manage(opts, ACTION_REMOVE, argc, argv);
}

int do_enable(const struct options *opts, int argc, char **argv)
{
	return manage(opts, ACTION_ENABLE, argc, argv);
}

int do_disable(const struct options *opts, int argc, char **argv)
{
	return manage(opts, ACTION_DISABLE, argc, argv);
}
