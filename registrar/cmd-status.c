/* SPDX-License-Identifier: MIT */
/* qbinfmt status: every entry of the binfmt_misc mount, ours or not. */
#include "binfmt-dir.h"
#include "commands.h"
#include "json.h"
#include "launcher-name.h"
#include "quote.h"
#include "registrar.h"
#include "report.h"
#include "elf-samples.h"
#include "emulators.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* "aarch64" or "arm,armeb" or "-" */
static void target_names(const struct binfmt_entry *e, char *out, size_t size)
{
	const struct target *found[8];
	size_t n = targets_matched_by(e, found, 8);

	snprintf(out, size, "%s", n ? "" : "-");
	for (size_t i = 0; i < n && i < 8; i++) {
		size_t len = strlen(out);
		snprintf(out + len, size - len, "%s%s", i ? "," : "", found[i]->name);
	}
}

static const char *instance_name(const struct binfmt_target *where)
{
	if (where->own)
		return "own";
	return binfmt_dir_device(where->dir) ? "inherited" : "none";
}

static void print_json(const struct binfmt_target *where, const struct table *live,
		       void (*more)(struct json *j, void *context), void *context)
{
	struct json j;

	json_start(&j, stdout);
	json_object_open(&j);
	json_field_string(&j, "binfmt_dir", where->dir);
	json_field_string(&j, "instance", instance_name(where));
	json_field_bool(&j, "enabled", !live->switched_off);
	json_key(&j, "entries");
	json_array_open(&j);
	for (size_t i = 0; i < live->count; i++) {
		const struct binfmt_entry *e = &live->items[i].entry;
		char flags[5], names[128];
		entry_flags_string(e->flags, flags);
		target_names(e, names, sizeof(names));
		json_object_open(&j);
		json_field_string(&j, "name", e->name);
		json_field_bool(&j, "enabled", e->enabled);
		json_field_string(&j, "type", e->type == ENTRY_MAGIC ? "magic" : "extension");
		json_field_string(&j, "flags", flags);
		json_field_string(&j, "interpreter", e->interpreter);
		const struct emulator *emulator = emulator_of(e);
		json_field_string(&j, "emulator", emulator ? emulator->name : NULL);
		/* The -cpu model the launcher's name carries; null: qemu's own. */
		char target[LAUNCHER_TARGET_MAX + 1];
		const char *cpu = NULL;
		if (!launcher_name_parse(e->interpreter, target, &cpu))
			cpu = NULL;
		json_field_string(&j, "cpu", cpu);
		json_field_string(&j, "targets", names);
		json_field_bool(&j, "ours", registrar_owns(e->name));
		if (e->type == ENTRY_MAGIC) {
			json_field_int(&j, "offset", e->offset);
			json_key(&j, "magic");
			json_hex(&j, e->magic, e->size);
			json_key(&j, "mask");
			if (e->has_mask)
				json_hex(&j, e->mask, e->size);
			else
				json_null(&j);
		} else {
			json_field_string(&j, "extension", e->extension);
		}
		json_object_close(&j);
	}
	json_array_close(&j);
	if (more)
		more(&j, context);
	json_object_close(&j);
	json_finish(&j);
}

static void print_text(const struct binfmt_target *where, const struct table *live)
{
	char dir[4 * PATH_MAX];

	quote_terminal(dir, sizeof(dir), where->dir);
	if (!where->own && !strcmp(instance_name(where), "none")) {
		/* No instance to be enabled or to hold entries: say so, not
		 * "enabled, 0 entries". */
		printf(
		    "%s: no binfmt_misc mounted here: this user namespace's programs use the entries of the nearest parent namespace that has its own\n",
		    dir);
		return;
	}
	if (!where->own)
		printf("%s: not this user namespace's own binfmt_misc (%s)\n", dir,
		       instance_name(where));
	printf("%s: binfmt_misc %s, %zu entries (oldest first)\n", dir,
	       live->switched_off ? "DISABLED" : "enabled", live->count);
	if (live->count)
		printf("%-20s %-8s %-5s %-12s %-4s %-8s %s\n", "ENTRY", "STATE", "FLAGS", "TARGET",
		       "OURS", "EMULATOR", "INTERPRETER");
	for (size_t i = 0; i < live->count; i++) {
		const struct binfmt_entry *e = &live->items[i].entry;
		char flags[5], names[128], name[4 * BINFMT_NAME_MAX + 1], interpreter[4 * 1920];
		entry_flags_string(e->flags, flags);
		target_names(e, names, sizeof(names));
		/* Names and paths are anybody's bytes: never terminal commands. */
		quote_terminal(name, sizeof(name), e->name);
		quote_terminal(interpreter, sizeof(interpreter), e->interpreter);
		printf("%-20s %-8s %-5s %-12s %-4s %-8s %s\n", name,
		       e->enabled ? "enabled" : "disabled", flags[0] ? flags : "-", names,
		       registrar_owns(e->name) ? "yes" : "-", emulator_name(e), interpreter);
	}
}

int status_show(const struct global_options *global, const struct binfmt_target *where_,
		void (*more)(struct json *j, void *context), void *context)
{
	const struct binfmt_target where = *where_;
	struct table live;

	table_init(&live);
	if (where.own || binfmt_dir_device(where.dir)) {
		int r = binfmt_dir_load(where.dir, &live);
		if (r < 0) {
			errno = -r;
			die_errno(EXIT_INPUT, "%s: cannot read %s", cli_command_path(), where.dir);
		}
	}
	if (global->json) {
		print_json(&where, &live, more, context);
	} else {
		print_text(&where, &live);
		if (more)
			more(NULL, context);
	}
	int status = report_table_problems(cli_command_path(), &live) ? EXIT_INPUT : EXIT_OK;
	table_free(&live);
	return status;
}

static int run(const void *globals, int argc, char **argv)
{
	const struct global_options *global = globals;
	struct binfmt_target where;
	int first = cli_parse(&status_command, argc, argv, NULL, NULL);

	if (first <= 0)
		return cli_exit_status(first);
	if (first < argc)
		die(EXIT_USAGE, "status: unexpected argument '%s' (try 'qbinfmt status --help')",
		    argv[first]);
	command_binfmt(global, BINFMT_READ, &where);
	return status_show(global, &where, NULL, NULL);
}

const struct cli_command status_command = {
    .name = "status",
    .summary = "every entry registered now, ours or not",
    .description = "Each entry of the binfmt_misc mount, oldest registration first: its state,\n"
		   "flags, the targets whose binaries it runs, whether qbinfmt installed it, the\n"
		   "emulator it runs (qemu, FEX-Emu, box64, box86, Rosetta; by its interpreter's\n"
		   "file name and its name) and its interpreter.  A status file the kernel would\n"
		   "not write is reported FILE:LINE (exit status 3).\n",
    .example = "  qbinfmt status\n  qbinfmt --json status\n",
    .run = run,
};
