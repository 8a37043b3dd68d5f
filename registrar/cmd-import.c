/* SPDX-License-Identifier: MIT */
/* qbinfmt import SRC...: register the entries of binfmt.d, Debian,
 * register-string, NixOS or Guix files.  All or nothing: every line is validated before
 * anything is written, and when the kernel refuses one entry, the ones
 * this import registered before it are taken back. */
#include "binfmt-dir.h"
#include "commands.h"
#include "host-elf.h"
#include "install.h"
#include "outcome.h"
#include "registrar.h"
#include "report.h"
#include "table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_option import_options[] = {
    {"force", 'f', NULL, "replace entries of that name qbinfmt did not install", false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

static int take(void *context, int key, const char *arg)
{
	(void)arg;
	if (key != 'f')
		return cli_option_bug(key);
	*(bool *)context = true;
	return 0;
}

/* What an import changed, to take it back. */
struct undo {
	bool added;    /* remove it */
	bool replaced; /* put `old` back */
	struct binfmt_entry old;
};

static void roll_back(const char *dir, const struct table *table, struct undo *undo, size_t done,
		      struct outcome_list *rows)
{
	for (size_t i = done; i-- > 0;) {
		const char *name = table->items[i].entry.name;
		struct outcome_row *row = &rows->rows[i];
		struct install_report report;
		if (undo[i].added) {
			int r = binfmt_dir_command(dir, name, "-1");
			if (r < 0)
				outcome_set(row, "failed", false,
					    "registered, and could not be taken back: %s",
					    strerror(-r));
			else
				outcome_set(row, "rolled back", false, "%s",
					    "removed again: another entry of this import failed");
		} else if (undo[i].replaced) {
			install_entry(dir, &undo[i].old, &report);
			if (report.outcome >= INSTALL_FAILED)
				outcome_set(row, "failed", false,
					    "replaced, and the old entry could not be put back");
			else
				outcome_set(
				    row, "rolled back", false, "%s",
				    "the old entry is back: another entry of this import failed");
		}
	}
}

/* Read every SRC and check all of it: a bad line, or an entry that would
 * capture this machine's programs, and nothing is registered.  0, or the
 * exit status. */
static int load_checked(int argc, char **argv, int first, bool force, struct table *table,
			struct host_elf *host, bool *have_host)
{
	if (first >= argc)
		die(EXIT_USAGE,
		    "import: from where? (qbinfmt import SRC..., a binfmt.d file or folder, a Debian binfmts folder, a file of register strings, a NixOS .nix or a Guix .scm file)");
	table_init(table);
	for (int i = first; i < argc; i++) {
		int r = table_load(table, argv[i], TABLE_AUTO);
		if (r < 0) {
			errno = -r;
			die_errno(EXIT_INPUT, "import: %s", argv[i]);
		}
	}
	if (report_table_problems("import", table)) {
		warn("import: %zu problem(s) in the input; nothing registered",
		     table->problem_count + table->problems_dropped);
		return EXIT_INPUT;
	}
	/* Lines the kernel takes but that probably mean something else. */
	for (size_t i = 0; i < table->count; i++)
		report_entry_warnings("import", &table->items[i]);
	*have_host = host_elf_read(host) == 0;
	for (size_t i = 0; *have_host && !force && i < table->count; i++) {
		const struct table_entry *te = &table->items[i];
		if (host_elf_captured_by(host, &te->entry))
			die(EXIT_FAILURE_FOUND,
			    "import: %s (%s:%d) would capture this machine's own programs; nothing registered (--force imports the others and still refuses this one)",
			    te->entry.name, te->source, te->line);
	}
	return 0;
}

/* Register the entries in order, one row each; after the first failure
 * the rest are skipped and what was registered is taken back. */
static void register_all(const char *dir, bool dry_run, const struct table *table, bool force,
			 const struct host_elf *host, bool have_host, struct outcome_list *rows)
{
	struct undo *undo = calloc(table->count + 1, sizeof(*undo));
	bool failed = false;
	size_t done = 0;

	if (!undo)
		die(EXIT_FAILURE_FOUND, "import: out of memory");
	for (size_t i = 0; i < table->count; i++) {
		const struct binfmt_entry *e = &table->items[i].entry;
		struct outcome_row *row = outcome_add(rows, e->name);
		struct install_report report;
		if (failed) {
			outcome_set(row, "skipped", false, "%s",
				    "not registered: an earlier entry failed");
			continue;
		}
		if (have_host && host_elf_captured_by(host, e)) {
			outcome_set(row, "refused", false,
				    "would capture this machine's own programs");
			continue;
		}
		if (dry_run) {
			char text[BINFMT_REGISTER_MAX + 1];
			if (entry_format(e, text, sizeof(text)) >= 0)
				printf("%s\n", text);
			continue;
		}
		/* Someone else's entry of that name: the rule remove and
		 * disable follow, --force or it stays. */
		bool existed = binfmt_dir_read(dir, e->name, &undo[i].old) == 0;
		if (existed && !registrar_owns(e->name) && !force &&
		    !entry_same_rule(&undo[i].old, e)) {
			outcome_set(
			    row, "refused", false,
			    "an entry %s not installed by qbinfmt is registered; --force replaces it",
			    e->name);
			failed = true;
			continue;
		}
		install_entry(dir, e, &report);
		row->outcome = install_outcome_name(report.outcome);
		if (report.outcome >= INSTALL_FAILED) {
			row->ok = false;
			install_describe(&report, row->detail, sizeof(row->detail));
			failed = true;
			continue;
		}
		done = i + 1;
		undo[i].added = report.outcome == INSTALL_ADDED;
		undo[i].replaced = report.outcome == INSTALL_REPLACED;
	}
	if (failed)
		roll_back(dir, table, undo, done, rows);
	free(undo);
}

static int run(const void *globals, int argc, char **argv)
{
	const struct global_options *global = globals;
	bool force = false, have_host = false;
	struct table table;
	struct host_elf host;
	struct binfmt_target where = {0};
	struct outcome_list rows;
	int first = cli_parse(&import_command, argc, argv, take, &force);

	if (first <= 0)
		return cli_exit_status(first);
	if (global->dry_run)
		refuse_namespace_of(global, "a dry run enters no namespace");
	int status = load_checked(argc, argv, first, force, &table, &host, &have_host);
	if (status) {
		table_free(&table);
		return status;
	}
	if (!global->dry_run)
		command_binfmt(global, BINFMT_ADD, &where);
	outcome_list_init(&rows, "entry", false);
	register_all(where.dir, global->dry_run, &table, force, &host, have_host, &rows);
	if (!global->dry_run)
		outcome_print(&rows, global->json);
	else
		outcome_warn_failures(&rows);
	status = outcome_all_ok(&rows) ? EXIT_OK : EXIT_FAILURE_FOUND;
	outcome_list_free(&rows);
	table_free(&table);
	return status;
}

const struct cli_command import_command = {
    .name = "import",
    .operands = "SRC...",
    .summary = "install the entries of such files, validated first",
    .description =
	"SRC is a binfmt.d file or folder, a Debian binfmts folder or format file, a\n"
	"file of register strings, a NixOS .nix or a Guix .scm file (detected, see\n"
	"qbinfmt(8)).  Every line of every SRC is\n"
	"checked first: one bad line (reported FILE:LINE) and nothing is registered.  If\n"
	"the kernel then refuses an entry, what this import registered is taken back.\n",
    .options = import_options,
    .example = "  qbinfmt import /usr/lib/binfmt.d\n  qbinfmt import ./exported\n",
    .run = run,
};
