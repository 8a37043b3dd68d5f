/* SPDX-License-Identifier: MIT */
/* qbinfmt import SRC...: register the entries of binfmt.d, Debian or
 * register-string files, all validated before anything is written. */
#include "binfmt-dir.h"
#include "commands.h"
#include "host-elf.h"
#include "install.h"
#include "json.h"
#include "registrar.h"
#include "report.h"
#include "table.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

int do_import(const struct options *opts, int argc, char **argv)
{
	static const struct option long_options[] = {
	    {"force", no_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	struct table table;
	struct host_elf host;
	bool force = false, all_ok = true;
	int c;

	/* 0, not 1: glibc then forgets the "+" mode of the global parse. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "f", long_options, NULL)) != -1) {
		if (c != 'f')
			die(EXIT_USAGE, "import: try 'qbinfmt --help'");
		force = true;
	}
	if (optind >= argc)
		die(EXIT_USAGE,
		    "import: from where? (qbinfmt import SRC..., a binfmt.d file or folder, "
		    "a Debian binfmts folder or a file of register strings)");
	table_init(&table);
	for (int i = optind; i < argc; i++) {
		int r = table_load(&table, argv[i], TABLE_AUTO);
		if (r < 0) {
			errno = -r;
			die_errno(EXIT_INPUT, "import: %s", argv[i]);
		}
	}
	/* Validated first: one bad line and nothing is registered. */
	for (size_t i = 0; i < table.problem_count; i++) {
		const struct table_problem *p = &table.problems[i];
		if (p->line)
			fprintf(stderr, "%s:%d: %s\n", p->source, p->line, p->message);
		else
			fprintf(stderr, "%s: %s\n", p->source, p->message);
	}
	if (table.problem_count) {
		warn("import: %zu problem(s) in the input; nothing registered",
		     table.problem_count);
		table_free(&table);
		return EXIT_INPUT;
	}
	if (host_elf_read(&host) == 0) {
		for (size_t i = 0; i < table.count; i++) {
			const struct table_entry *te = &table.items[i];
			if (host_elf_captured_by(&host, &te->entry) && !force)
				die(EXIT_FAILURE_FOUND,
				    "import: %s (%s:%d) would capture this machine's own programs; "
				    "nothing "
				    "registered (--force imports the others and still refuses this "
				    "one)",
				    te->entry.name, te->source, te->line);
		}
	}
	if (!opts->dry_run)
		registrar_need_mount(opts->binfmt_dir);
	if (opts->json)
		printf("[");
	for (size_t i = 0; i < table.count; i++) {
		const struct binfmt_entry *e = &table.items[i].entry;
		struct install_report report;
		char detail[256] = "";
		const char *outcome;

		if (host_elf_captured_by(&host, e)) {
			outcome = "refused";
			snprintf(detail, sizeof(detail),
				 "would capture this machine's own programs");
			all_ok = false;
		} else if (opts->dry_run) {
			char text[BINFMT_REGISTER_MAX + 1];
			if (entry_format(e, text, sizeof(text)) >= 0)
				printf("%s\n", text);
			continue;
		} else {
			install_entry(opts->binfmt_dir, e, &report);
			outcome = install_outcome_name(report.outcome);
			if (report.outcome >= INSTALL_FAILED) {
				install_describe(&report, detail, sizeof(detail));
				all_ok = false;
			}
		}
		if (opts->json) {
			printf(i ? ",{\"entry\":" : "{\"entry\":");
			json_string(stdout, e->name);
			printf(",\"outcome\":");
			json_string(stdout, outcome);
			printf(",\"detail\":");
			json_string(stdout, detail);
			printf("}");
		} else {
			printf("%-20s %-10s %s\n", e->name, outcome, detail);
		}
		if (detail[0])
			warn("import %s: %s", e->name, detail);
	}
	if (opts->json)
		printf("]\n");
	table_free(&table);
	return all_ok ? EXIT_OK : EXIT_FAILURE_FOUND;
}
