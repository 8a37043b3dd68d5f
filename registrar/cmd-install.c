/* SPDX-License-Identifier: MIT */
/* qbinfmt install [--all | TARGET...]: register emulators. */
#include "binfmt-dir.h"
#include "commands.h"
#include "entry-overlap.h"
#include "export-format.h"
#include "host-elf.h"
#include "install.h"
#include "json.h"
#include "registrar.h"
#include "report.h"
#include "select.h"
#include "wiring.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

struct outcome_row {
	const struct target *target;
	const char *outcome; /* installed, unchanged, replaced, skipped, refused, failed... */
	enum wiring wiring;
	char interpreter[BINFMT_REGISTER_MAX];
	char detail[1024];
	bool ok;
};

static void print_rows(const struct options *opts, const struct outcome_row *rows, size_t n)
{
	if (opts->json) {
		printf("[");
		for (size_t i = 0; i < n; i++) {
			printf(i ? ",{\"target\":" : "{\"target\":");
			json_string(stdout, rows[i].target->name);
			printf(",\"outcome\":");
			json_string(stdout, rows[i].outcome);
			printf(",\"ok\":%s,\"wiring\":", rows[i].ok ? "true" : "false");
			json_string(stdout, wiring_name(rows[i].wiring));
			printf(",\"interpreter\":");
			json_string(stdout, rows[i].interpreter);
			printf(",\"detail\":");
			json_string(stdout, rows[i].detail);
			printf("}");
		}
		printf("]\n");
		return;
	}
	for (size_t i = 0; i < n; i++)
		printf("%-12s %-10s %-8s %s%s%s\n", rows[i].target->name, rows[i].outcome,
		       rows[i].interpreter[0] ? wiring_name(rows[i].wiring) : "-",
		       rows[i].interpreter[0] ? rows[i].interpreter : "-",
		       rows[i].detail[0] ? "  " : "", rows[i].detail);
}

/* Entries of others that match the same binaries: the newest wins. */
static void warn_overlaps(const char *dir, const struct binfmt_entry *mine)
{
	struct table live;
	struct entry_overlap o;

	if (binfmt_dir_load(dir, &live) < 0)
		return;
	for (size_t i = 0; i < live.count; i++) {
		const struct binfmt_entry *other = &live.items[i].entry;
		if (strcmp(other->name, mine->name) != 0 && other->enabled &&
		    entry_overlap(other, mine, &o))
			warn("install: entry %s also matches %s binaries; the kernel runs the "
			     "newest "
			     "registration matching a file",
			     other->name, mine->name + strlen(TARGET_ENTRY_PREFIX));
	}
	table_free(&live);
}

/* export: the files other tools read, instead of the kernel. */
struct export_job {
	enum export_format format;
	const char *output_dir; /* NULL: standard output */
	bool chosen;
};

static void export_one(const struct export_job *job, const struct wiring_result *wr,
		       size_t selected, struct outcome_row *row)
{
	char text[8192], why[256], comment[512], file[BINFMT_NAME_MAX + 16];

	snprintf(comment, sizeof(comment), "qbinfmt: %s through the %s wiring",
		 wr->entry.name + strlen(TARGET_ENTRY_PREFIX), wiring_name(wr->chosen));
	if (export_render(job->format, &wr->entry, comment, text, sizeof(text), why, sizeof(why)) <
	    0) {
		row->outcome = "failed";
		row->ok = false;
		snprintf(row->detail, sizeof(row->detail), "%s", why);
		return;
	}
	if (!job->output_dir) {
		if (job->format == EXPORT_DEBIAN && selected > 1)
			die(EXIT_USAGE,
			    "export: Debian format files are one per entry: give --output-dir");
		fputs(text, stdout);
		row->outcome = "printed";
		return;
	}
	export_file_name(job->format, &wr->entry, file, sizeof(file));
	int r = export_write_atomic(job->output_dir, file, text);
	if (r < 0) {
		row->outcome = "failed";
		row->ok = false;
		snprintf(row->detail, sizeof(row->detail), "cannot write %s/%s: %s",
			 job->output_dir, file, strerror(-r));
		return;
	}
	row->outcome = "written";
	snprintf(row->detail, sizeof(row->detail), "%s/%s", job->output_dir, file);
}

static int install_or_export(const struct options *opts, int argc, char **argv,
			     struct export_job *job)
{
	enum { OPT_RUNTIME_DIR = 0x100, OPT_FORMAT, OPT_OUTPUT_DIR };
	const char *command = job ? "export" : "install";
	static const struct option long_options[] = {
	    {"all", no_argument, NULL, 'a'},
	    {"wiring", required_argument, NULL, WIRING_OPTION},
	    {"open-binary", no_argument, NULL, 'O'},
	    {"credentials", no_argument, NULL, 'C'},
	    {"fix-binary", no_argument, NULL, 'F'},
	    {"force", no_argument, NULL, 'f'},
	    {"runtime-dir", required_argument, NULL, OPT_RUNTIME_DIR},
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"output-dir", required_argument, NULL, OPT_OUTPUT_DIR},
	    {NULL, 0, NULL, 0},
	};
	struct wiring_options wo = {
	    .wiring = WIRING_LAUNCHER,
	    .qemu_dirs = opts->qemu_dirs,
	    .launcher_dir = opts->launcher_dir,
	    .runtime_dir = registrar_runtime_dir(),
	    .qemu_elsewhere = job != NULL,
	};
	bool all = false, force = false;
	int c;

	/* 0, not 1: glibc then forgets the "+" mode of the global parse. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "af" WIRING_SHORT_OPTIONS, long_options, NULL)) != -1) {
		if (wiring_take_option(command, c, optarg, &wo))
			continue;
		switch (c) {
		case 'a':
			all = true;
			break;
		case 'f':
			force = true;
			break;
		case OPT_RUNTIME_DIR:
			wo.runtime_dir = optarg;
			break;
		case OPT_FORMAT:
			if (!job || !export_format_parse(optarg, &job->format))
				die(EXIT_USAGE,
				    "%s: --format must be binfmt.d, debian or register%s", command,
				    job ? "" : " (and only for export)");
			job->chosen = true;
			break;
		case OPT_OUTPUT_DIR:
			if (!job)
				die(EXIT_USAGE, "install: --output-dir is for export");
			job->output_dir = optarg;
			break;
		default:
			die(EXIT_USAGE, "%s: try 'qbinfmt --help'", command);
		}
	}
	if (job && !job->chosen)
		die(EXIT_USAGE, "export: which format? --format binfmt.d, debian or register");
	struct selection sel;
	select_targets(command, all, argc - optind, argv + optind, &sel);
	if (!opts->dry_run && !job)
		registrar_need_mount(opts->binfmt_dir);

	struct host_elf host;
	bool have_host = host_elf_read(&host) == 0;
	struct outcome_row rows[64];
	size_t n = 0;
	bool all_ok = true;

	for (size_t i = 0; i < sel.count; i++) {
		const struct target *t = sel.items[i];
		struct outcome_row *row = &rows[n++];
		struct wiring_result wr;

		memset(row, 0, sizeof(*row));
		row->target = t;
		row->ok = true;
		if (select_is_host_family(t) && !(sel.named[i] && force)) {
			row->outcome = sel.named[i] ? "refused" : "skipped";
			row->ok = !sel.named[i];
			snprintf(row->detail, sizeof(row->detail),
				 "the host's own family (%s) runs natively%s", t->family,
				 sel.named[i] ? "; name it with --force to emulate it anyway" : "");
			all_ok &= row->ok;
			continue;
		}
		if (wiring_build(t, &wo, &wr) < 0) {
			/* --all installs what this machine can run and says so. */
			row->outcome = sel.named[i] ? "failed" : "skipped";
			row->ok = !sel.named[i];
			snprintf(row->detail, sizeof(row->detail), "%s", wr.why);
			all_ok &= row->ok;
			continue;
		}
		row->wiring = wr.chosen;
		snprintf(row->interpreter, sizeof(row->interpreter), "%s", wr.entry.interpreter);
		snprintf(row->detail, sizeof(row->detail), "%s", wr.why);
		if (have_host && host_elf_captured_by(&host, &wr.entry)) {
			row->outcome = "refused";
			row->ok = false;
			snprintf(row->detail, sizeof(row->detail),
				 "%s would capture this machine's own programs; nothing registered",
				 wr.entry.name);
			all_ok = false;
			continue;
		}
		if (job) {
			export_one(job, &wr, sel.count, row);
			all_ok &= row->ok;
			continue;
		}
		if (opts->dry_run) {
			char text[BINFMT_REGISTER_MAX + 1];
			if (entry_format(&wr.entry, text, sizeof(text)) < 0)
				die(EXIT_FAILURE_FOUND, "install %s: cannot form a register string",
				    t->name);
			printf("%s\n", text);
			n--;
			continue;
		}
		struct install_report report;
		install_entry(opts->binfmt_dir, &wr.entry, &report);
		row->outcome = install_outcome_name(report.outcome);
		if (report.outcome >= INSTALL_FAILED) {
			row->ok = false;
			all_ok = false;
			install_describe(&report, row->detail, sizeof(row->detail));
			warn("install %s: %s", t->name, row->detail);
			continue;
		}
		if (report.outcome != INSTALL_UNCHANGED)
			warn_overlaps(opts->binfmt_dir, &wr.entry);
	}
	/* Export to standard output prints the files, nothing else. */
	if (job && !job->output_dir) {
		for (size_t i = 0; i < n; i++)
			if (!rows[i].ok)
				warn("export %s: %s", rows[i].target->name, rows[i].detail);
	} else if (!opts->dry_run) {
		print_rows(opts, rows, n);
	}
	return all_ok ? EXIT_OK : EXIT_FAILURE_FOUND;
}

int do_install(const struct options *opts, int argc, char **argv)
{
	return install_or_export(opts, argc, argv, NULL);
}

int do_export(const struct options *opts, int argc, char **argv)
{
	struct export_job job = {0};
	return install_or_export(opts, argc, argv, &job);
}
