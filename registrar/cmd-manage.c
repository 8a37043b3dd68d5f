/* SPDX-License-Identifier: MIT */
/* qbinfmt remove | enable | disable [--all | TARGET...]: only entries
 * qbinfmt installed, unless --force names another one. */
#include "binfmt-dir.h"
#include "commands.h"
#include "outcome.h"
#include "registrar.h"
#include "report.h"
#include "target-entry.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const verbs[] = {"remove", "enable", "disable"};
static const char *const commands_written[] = {"-1", "1", "0"};
static const char *const done_words[] = {"removed", "enabled", "disabled"};

const struct cli_option manage_options[] = {
    {"all", 'a', NULL, "every entry qbinfmt installed", false, NULL},
    {"force", 'f', NULL, "also act on a named entry qbinfmt did not install", false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

int manage_take_option(void *context, int key, const char *arg)
{
	struct manage_args *args = context;

	(void)arg;
	switch (key) {
	case 'a':
		args->all = true;
		return 0;
	case 'f':
		args->force = true;
		return 0;
	}
	return cli_option_bug(key);
}

/* Act on one entry and check the kernel agrees afterwards. */
static void act(const char *dir, bool dry_run, enum manage_action a, const char *name, bool present,
		struct outcome_row *row)
{
	struct binfmt_entry after;

	if (!present) {
		outcome_set(row, a == ACTION_REMOVE ? "absent" : "failed", a == ACTION_REMOVE,
			    "no entry %s in %s", name, dir);
		return;
	}
	if (dry_run) {
		outcome_set(row, "would be", true, "%s", done_words[a]);
		return;
	}
	int r = binfmt_dir_command(dir, name, commands_written[a]);
	if (r == -ENOENT) {
		/* Gone since we looked: another writer removed it. */
		outcome_set(row, a == ACTION_REMOVE ? "absent" : "failed", a == ACTION_REMOVE,
			    "removed meanwhile by another writer");
		return;
	}
	if (r < 0) {
		outcome_set(row, "failed", false, "cannot write %s/%s: %s", dir, name,
			    strerror(-r));
		return;
	}
	r = binfmt_dir_read(dir, name, &after);
	bool right =
	    a == ACTION_REMOVE ? r == -ENOENT : r == 0 && after.enabled == (a == ACTION_ENABLE);
	if (right)
		outcome_set(row, done_words[a], true, "%s", "");
	else if (a == ACTION_REMOVE && r == 0)
		outcome_set(row, "failed", false, "registered again meanwhile by another writer");
	else if (r == -ENOENT)
		outcome_set(row, "failed", false, "removed meanwhile by another writer");
	else if (r == 0)
		outcome_set(row, "failed", false, "%s meanwhile by another writer",
			    after.enabled ? "enabled" : "disabled");
	else
		outcome_set(row, "failed", false, "cannot read it back: %s", strerror(-r));
}

/* The entry a command-line name stands for, or why it is refused. */
static bool entry_named(const char *arg, bool force, const char *verb, char *name, size_t size,
			struct outcome_row *row)
{
	const struct target *t = target_entry_name(arg, name, size);

	if (strchr(name, '/') || !strcmp(name, "register") || !strcmp(name, "status") ||
	    name[0] == '.' || !name[0]) {
		outcome_set(row, "refused", false, "not an entry name");
		return false;
	}
	if (!t && !registrar_owns(name) && !force) {
		outcome_set(
		    row, "refused", false,
		    "not a target, and not installed by qbinfmt; name it with --force to %s it anyway",
		    verb);
		return false;
	}
	return true;
}

void manage_check_operands(const struct manage_args *args, int count)
{
	if (args->all && count > 0)
		die(EXIT_USAGE, "%s: give --all or entry names, not both", cli_command_path());
	if (!args->all && count == 0)
		die(EXIT_USAGE,
		    "%s: which entries? Name them (targets or entry names) or give --all",
		    cli_command_path());
}

int manage_entries(const struct global_options *global, const struct binfmt_target *where_,
		   enum manage_action a, bool all, bool force, int count, char **names)
{
	const struct binfmt_target where = *where_;
	const char *verb = verbs[a];
	struct outcome_list rows;
	struct table live;

	table_init(&live);
	if (where.own) {
		int r = binfmt_dir_load(where.dir, &live);
		if (r < 0) {
			errno = -r;
			die_errno(EXIT_INPUT, "%s: cannot read %s", cli_command_path(), where.dir);
		}
	}
	outcome_list_init(&rows, "entry", false);
	if (all) {
		for (size_t i = 0; i < live.count; i++) {
			const char *name = live.items[i].entry.name;
			if (registrar_owns(name))
				act(where.dir, global->dry_run, a, name, true,
				    outcome_add(&rows, name));
		}
	}
	for (int i = 0; i < count; i++) {
		char name[BINFMT_NAME_MAX + 1];
		struct outcome_row *row = outcome_add(&rows, names[i]);
		if (!entry_named(names[i], force, verb, name, sizeof(name), row))
			continue;
		snprintf(row->subject, sizeof(row->subject), "%s", name);
		act(where.dir, global->dry_run, a, name, binfmt_dir_has(&live, name), row);
	}
	table_free(&live);
	outcome_print(&rows, global->json);
	int status = outcome_all_ok(&rows) ? EXIT_OK : EXIT_FAILURE_FOUND;
	outcome_list_free(&rows);
	return status;
}

static int manage(const struct global_options *global, const struct cli_command *command,
		  enum manage_action a, int argc, char **argv)
{
	struct manage_args args = {false, false};
	struct binfmt_target where;
	int first = cli_parse(command, argc, argv, manage_take_option, &args);

	if (first <= 0)
		return cli_exit_status(first);
	manage_check_operands(&args, argc - first);
	command_binfmt(global, BINFMT_CHANGE, &where);
	return manage_entries(global, &where, a, args.all, args.force, argc - first, argv + first);
}

static int do_remove(const void *globals, int argc, char **argv)
{
	return manage(globals, &remove_command, ACTION_REMOVE, argc, argv);
}

static int do_enable(const void *globals, int argc, char **argv)
{
	return manage(globals, &enable_command, ACTION_ENABLE, argc, argv);
}

static int do_disable(const void *globals, int argc, char **argv)
{
	return manage(globals, &disable_command, ACTION_DISABLE, argc, argv);
}

const struct cli_command remove_command = {
    .name = "remove",
    .operands = "[--all | TARGET...]",
    .summary = "remove entries qbinfmt installed",
    .description = "Entries qbinfmt did not install (not named qbinfmt-*) are left alone\n"
		   "unless --force names them.  Removing an absent entry is not an error.\n",
    .options = manage_options,
    .example = "  qbinfmt remove aarch64\n  qbinfmt remove --all\n",
    .run = do_remove,
};

const struct cli_command enable_command = {
    .name = "enable",
    .operands = "[--all | TARGET...]",
    .summary = "enable entries qbinfmt installed",
    .options = manage_options,
    .example = "  qbinfmt enable --all\n",
    .run = do_enable,
};

const struct cli_command disable_command = {
    .name = "disable",
    .operands = "[--all | TARGET...]",
    .summary = "disable entries qbinfmt installed",
    .description = "A disabled entry stays registered and matches nothing.\n",
    .options = manage_options,
    .example = "  qbinfmt disable s390x\n",
    .run = do_disable,
};
