/* SPDX-License-Identifier: MIT */
/* qbinfmt doctor FILE...: why a file runs, or gives "Exec format error"
 * or "No such file or directory", here (doctor.h). */
#include "binfmt-dir.h"
#include "commands.h"
#include "doctor.h"
#include "json.h"
#include "quote.h"
#include "registrar.h"
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Which instance the mount shows, in words. */
static const char *instance_words(const struct binfmt_target *where)
{
	if (!where->in_user_namespace)
		return "the host's binfmt_misc";
	if (!where->own)
		return binfmt_dir_device(where->dir) ? "the parent namespace's binfmt_misc"
						     : "binfmt_misc";
	return where->podman ? "podman's own binfmt_misc" : "this user namespace's own binfmt_misc";
}

static void print_text(const struct doctor_report *r, const char *file)
{
	char shown[4 * PATH_MAX], line[4 * 1024];

	quote_terminal(shown, sizeof(shown), file);
	quote_terminal(line, sizeof(line), r->summary);
	if (r->verdict == DOCTOR_FAILS)
		printf("%s: would fail with %s: %s\n", shown, r->error, line);
	else
		printf("%s: %s\n", shown, line);
	for (size_t i = 0; i < r->step_count; i++) {
		quote_terminal(line, sizeof(line), r->steps[i].detail);
		printf("  %-12s %-4s %s\n", r->steps[i].name, r->steps[i].ok ? "ok" : "NO", line);
	}
}

static void print_json(struct json *j, const struct doctor_report *r, const char *file)
{
	json_object_open(j);
	json_field_string(j, "file", file);
	json_field_string(j, "verdict", doctor_verdict_name(r->verdict));
	json_field_bool(j, "runs", r->verdict == DOCTOR_RUNS || r->verdict == DOCTOR_NATIVE);
	json_field_string(j, "error", r->error);
	json_field_string(j, "summary", r->summary);
	json_field_string(j, "entry", r->pick ? r->pick->entry.name : NULL);
	json_key(j, "steps");
	json_array_open(j);
	for (size_t i = 0; i < r->step_count; i++) {
		json_object_open(j);
		json_field_string(j, "step", r->steps[i].name);
		json_field_bool(j, "ok", r->steps[i].ok);
		json_field_string(j, "detail", r->steps[i].detail);
		json_object_close(j);
	}
	json_array_close(j);
	json_object_close(j);
}

int doctor_files(const struct global_options *global, const struct binfmt_target *where, int count,
		 char **files)
{
	struct table live;
	struct json j;
	int status = EXIT_OK;
	bool present = where->own || binfmt_dir_device(where->dir);

	table_init(&live);
	if (present) {
		int r = binfmt_dir_load(where->dir, &live);
		if (r < 0) {
			errno = -r;
			die_errno(EXIT_INPUT, "%s: cannot read %s", cli_command_path(), where->dir);
		}
	}
	struct doctor_input in = {
	    .live = &live,
	    .mount_present = present,
	    .binfmt_dir = where->dir,
	    .instance = instance_words(where),
	    .qemu_dirs = global->qemu_dirs,
	};
	if (global->json) {
		json_start(&j, stdout);
		json_array_open(&j);
	}
	for (int i = 0; i < count; i++) {
		struct doctor_report report;
		in.file = files[i];
		doctor_diagnose(&in, &report);
		if (global->json)
			print_json(&j, &report, files[i]);
		else
			print_text(&report, files[i]);
		if (report.verdict == DOCTOR_UNREADABLE)
			status = EXIT_INPUT;
		else if (report.verdict == DOCTOR_FAILS && status == EXIT_OK)
			status = EXIT_FAILURE_FOUND;
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
	return run_on_files(globals, &doctor_command, argc, argv, BINFMT_PEEK, false, doctor_files);
}

const struct cli_command doctor_command = {
    .name = "doctor",
    .operands = "FILE...",
    .summary = "why FILE runs, or gives Exec format error, here",
    .description =
	"For each FILE, one verdict line (would run, or would fail with the error execve()\n"
	"gives), then the steps the kernel goes through: binfmt_misc mounted and switched\n"
	"on here (and whose), the file, the entry that matches (or the nearest one and the\n"
	"header byte that rejects the file), its interpreter (opened at registration with\n"
	"F, or by path), the qemu behind it and whether it is static, and the file's own\n"
	"loader.  Exit status 0 when every FILE would run, 1 when one would fail, 3 when a\n"
	"FILE or the entries of binfmt_misc cannot be read.\n",
    .example = "  qbinfmt doctor ./hello-arm64\n  qbinfmt --json doctor ./hello-arm64\n",
    .run = run,
};
