/* SPDX-License-Identifier: MIT */
/* qbinfmt export --format F [--output-dir DIR] [--all | TARGET...]: the
 * files other tools read (systemd-binfmt, update-binfmts), instead of the
 * kernel. */
#include "cmd-install.h"

#include "export-format.h"
#include "file-batch.h"
#include "files.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXPORT_FORMAT_OPTION = CLI_KEY_BASE + 1, EXPORT_OUTPUT_DIR };

struct export_args {
	struct install_args install; /* first: install_take_option() sees it */
	enum export_format format;
	bool format_given;
	const char *output_dir; /* NULL: standard output */
};

static const struct cli_option export_options[] = {
    {"all", 'a', NULL, "every target", false, NULL},
    {"force", 'f', NULL, "also a named target the host runs natively", false, NULL},
    {"format", EXPORT_FORMAT_OPTION, "F", "binfmt.d, debian, register, nix or guix", false,
     "binfmt.d debian register nix guix"},
    {"output-dir", EXPORT_OUTPUT_DIR, "DIR", "one file per entry in DIR (default: stdout)", false,
     NULL},
    {"host", INSTALL_HOST, "ARCH",
     "for another machine: ARCH[,+TARGET|,-TARGET]... (which of its family it runs natively)",
     false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

static int take(void *context, int key, const char *arg)
{
	struct export_args *args = context;

	switch (key) {
	case EXPORT_FORMAT_OPTION:
		if (!export_format_parse(arg, &args->format)) {
			warn(
			    "export: --format must be binfmt.d, debian, register, nix or guix, not '%s'",
			    arg);
			return -1;
		}
		args->format_given = true;
		return 0;
	case EXPORT_OUTPUT_DIR:
		args->output_dir = arg;
		return 0;
	}
	return install_take_option(&args->install, key, arg);
}

/* The file of one wired target into text; false after saying why in its
 * row. */
static bool render(const struct export_args *args, struct wired_target *w, char *text, size_t size)
{
	char why[256], comment[512];
	const struct wiring_result *wr = &w->wiring;

	snprintf(comment, sizeof(comment), "qbinfmt: %s through the %s wiring%s%s", w->target->name,
		 wiring_name(wr->chosen), wr->cpu[0] ? ", -cpu " : "", wr->cpu);
	if (export_render(args->format, &wr->entry, comment, text, size, why, sizeof(why)) < 0) {
		outcome_set(w->row, "failed", false, "%s", why);
		return false;
	}
	return true;
}

/* --dry-run: each file named, none written, no folder made. */
static void name_each(const struct export_args *args, struct wired_target *wired, size_t n)
{
	char text[8192], file[BINFMT_NAME_MAX + 16];

	for (size_t i = 0; i < n; i++) {
		if (!render(args, &wired[i], text, sizeof(text)))
			continue;
		export_file_name(args->format, &wired[i].wiring.entry, file, sizeof(file));
		outcome_set(wired[i].row, "would write", true, "%s/%s", args->output_dir, file);
	}
}

/* One file on standard output: the format's prologue and epilogue around
 * the entries, when there is one. */
static void print_each(const struct export_args *args, struct wired_target *wired, size_t n)
{
	char text[8192];
	bool begun = false;

	for (size_t i = 0; i < n; i++) {
		if (!render(args, &wired[i], text, sizeof(text)))
			continue;
		if (!begun)
			fputs(export_prologue(args->format), stdout);
		begun = true;
		fputs(text, stdout);
		wired[i].row->outcome = "printed";
	}
	if (begun)
		fputs(export_epilogue(args->format), stdout);
}

/* One entry's file: its text with the format's prologue and epilogue. */
static bool render_file(const struct export_args *args, struct wired_target *w, char *text,
			size_t size)
{
	const char *prologue = export_prologue(args->format);
	size_t before = strlen(prologue);

	if (before >= size || !render(args, w, text + before, size - before))
		return false;
	memcpy(text, prologue, before);
	size_t len = strlen(text);
	int n = snprintf(text + len, size - len, "%s", export_epilogue(args->format));
	return n >= 0 && (size_t)n < size - len;
}

/* Each row once the batch is done: `failed` is the index of the file
 * that could not be written, n when none. */
static void report_batch(const char *dir, const struct file_batch *batch,
			 struct wired_target *wired, size_t n, size_t failed)
{
	for (size_t i = 0; i < n; i++) {
		struct outcome_row *row = wired[i].row;
		const struct file_batch_item *item = i < batch->count ? &batch->items[i] : NULL;

		if (i == failed)
			continue;
		if (failed == n)
			outcome_set(row, "written", true, "%s/%s", dir, item->name);
		else if (item && item->state == FILE_BATCH_TAKEN_BACK)
			outcome_set_collateral(
			    row, "rolled back",
			    "written, then taken back: %s failed, and an export writes all of its files or none",
			    wired[failed].target->name);
		else if (item && item->state == FILE_BATCH_STUCK)
			outcome_set(
			    row, "failed", false,
			    "written, and %s failed, but this file could not be taken back: %s",
			    wired[failed].target->name, strerror(-item->error));
		else
			outcome_set_collateral(
			    row, "not written",
			    "%s failed, and an export writes all of its files or none",
			    wired[failed].target->name);
	}
}

/* Every file written aside first, then all put in place: one that cannot
 * be, and none is left (a file it would have replaced is as it was).
 * Returns how many files are in place. */
static size_t write_all_or_none(const struct export_args *args, struct wired_target *wired,
				size_t n)
{
	const char *dir = args->output_dir;
	char text[8192], file[BINFMT_NAME_MAX + 16];
	struct file_batch batch;
	size_t failed = n, placed = 0;
	int r = 0;

	if (!file_batch_init(&batch, dir))
		die(EXIT_FAILURE_FOUND, "export: --output-dir %s: path too long", dir);
	for (size_t i = 0; i < n && failed == n; i++) {
		export_file_name(args->format, &wired[i].wiring.entry, file, sizeof(file));
		if (!render_file(args, &wired[i], text, sizeof(text)))
			failed = i;
		else if ((r = file_batch_add(&batch, file, text)) < 0)
			failed = i;
	}
	if (failed == n && (r = file_batch_commit(&batch, &failed)) == 0)
		placed = n;
	if (r < 0) {
		export_file_name(args->format, &wired[failed].wiring.entry, file, sizeof(file));
		outcome_set(wired[failed].row, "failed", false, "cannot write %s/%s: %s", dir, file,
			    strerror(-r));
	}
	report_batch(dir, &batch, wired, n, failed);
	for (size_t i = 0; failed < n && i < batch.count; i++)
		placed += batch.items[i].state == FILE_BATCH_STUCK;
	file_batch_free(&batch);
	return placed;
}

/* The output folder, made as install -d makes it when it is not there,
 * and writable; else one line before any target is tried.  Returns how
 * many folders it made. */
static unsigned output_dir_prepare(const char *dir)
{
	struct stat st;
	bool existed = stat(dir, &st) == 0;
	unsigned made;
	int r = dir_install(dir, 0755, &made);

	if (r == 0 && faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) < 0)
		r = -errno;
	if (r == 0)
		return made;
	dir_remove_made(dir, made);
	if (r == -EINVAL)
		die(EXIT_USAGE,
		    "export: --output-dir %s: '.' or '..' after a folder that is not there yet: name the folder itself",
		    dir);
	errno = -r;
	if (existed)
		die_errno(EXIT_FAILURE_FOUND, "export: cannot write in %s", dir);
	die_errno(EXIT_FAILURE_FOUND, "export: cannot create %s", dir);
}

static int run(const void *globals, int argc, char **argv)
{
	struct failure why, nothing;
	const struct global_options *global = globals;
	struct export_args args = {.output_dir = NULL};
	struct selection sel;
	struct outcome_list rows;
	struct wired_target wired[64];

	install_args_init(&args.install, WIRING_LAUNCHER, PLACE_HOST);
	args.install.wiring.qemu_elsewhere = true;
	int first = cli_parse(&export_command, argc, argv, take, &args);
	if (first <= 0)
		return cli_exit_status(first);
	wiring_options_globals(&args.install.wiring, global);
	refuse_namespace_of(global, "export writes files, for this machine or another");
	if (!args.format_given)
		die(EXIT_USAGE,
		    "export: which format? --format binfmt.d, debian, register, nix or guix");
	if (select_targets(args.install.all, argc - first, argv + first, &sel, &why) < 0)
		die_failure(&why);
	install_host(&args.install, &sel);
	if (args.format == EXPORT_DEBIAN && !args.output_dir && sel.count > 1)
		die(EXIT_USAGE, "export: Debian format files are one per entry: give --output-dir");
	/* A dry run writes nothing: no folder, no file. */
	bool writes = args.output_dir && !global->dry_run;
	unsigned made = writes ? output_dir_prepare(args.output_dir) : 0;
	outcome_list_init(&rows, "target", true);
	size_t n =
	    wire_targets(&sel, &args.install.wiring, args.install.force, &rows, wired, &nothing);
	size_t placed = 0;
	if (writes)
		placed = write_all_or_none(&args, wired, n);
	else if (args.output_dir)
		name_each(&args, wired, n);
	else
		print_each(&args, wired, n);
	/* To standard output go the files and nothing else. */
	if (args.output_dir)
		outcome_print(&rows, global->json);
	else
		outcome_warn_failures(&rows);
	int status = wired_status(&rows, &nothing);
	/* A folder made for an export that failed and wrote nothing goes. */
	if (made && status != EXIT_OK && placed == 0)
		dir_remove_made(args.output_dir, made);
	outcome_list_free(&rows);
	return status;
}

const struct cli_command export_command = {
    .name = "export",
    .operands = "--format F [--all | TARGET...]",
    .summary = "write binfmt.d, Debian, register, NixOS or Guix files",
    .description = "The entries install would register, as files for systemd-binfmt (binfmt.d),\n"
		   "update-binfmts (debian), the register file itself (register), NixOS's\n"
		   "boot.binfmt.registrations (nix) or Guix's qemu-binfmt-configuration (guix).\n"
		   "With --output-dir, made when missing, the files are written all or none.\n",
    .options = export_options,
    .shared_options = wiring_cli_options,
    .example = "  qbinfmt export --format binfmt.d --output-dir /etc/binfmt.d --all --fix-binary\n",
    .run = run,
};
