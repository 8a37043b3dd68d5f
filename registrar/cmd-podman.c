/* SPDX-License-Identifier: MIT */
/*
 * qbinfmt podman install | status | remove | find | hook: emulation in
 * rootless podman's user namespace (podman.h), so that `podman run
 * --arch arm64` and `podman build --platform linux/arm64` work without
 * root and without any host-wide registration.
 */
#include "binfmt-dir.h"
#include "files.h"
#include "quote.h"
#include "cmd-install.h"
#include "install.h"
#include "json.h"
#include "namespace.h"
#include "podman.h"
#include "registrar.h"
#include "report.h"
#include "target-entry.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void locate(struct podman_files *files)
{
	char why[256];

	if (podman_files_locate(files, why, sizeof(why)) < 0)
		die(EXIT_FAILURE_FOUND, "%s: %s", cli_command_path(), why);
}

/* The record with `add` in it (replacing entries of the same name). */
static void record_with(const struct podman_files *files, const struct table *add)
{
	struct table record, merged;
	char why[512];

	table_init(&record);
	table_init(&merged);
	if (podman_recorded(files, &record) < 0)
		table_init(&record);
	for (size_t i = 0; i < record.count; i++)
		if (!binfmt_dir_has(add, record.items[i].entry.name))
			table_add(&merged, &record.items[i].entry, files->entries, 0);
	for (size_t i = 0; i < add->count; i++)
		table_add(&merged, &add->items[i].entry, "podman", 0);
	if (podman_persist(files, &merged, why, sizeof(why)) < 0)
		die(EXIT_FAILURE_FOUND, "%s: %s", cli_command_path(), why);
	table_free(&record);
	table_free(&merged);
}

static int podman_install(const void *globals, int argc, char **argv);
static int podman_remove(const void *globals, int argc, char **argv);
static int podman_status(const void *globals, int argc, char **argv);
static int podman_find(const void *globals, int argc, char **argv);
static int podman_hook(const void *globals, int argc, char **argv);
static int podman_doctor(const void *globals, int argc, char **argv);

void podman_enter(const struct global_options *global)
{
	struct failure f;

	refuse_namespace_of(global, "qbinfmt podman acts in podman's own namespace");
	if (podman_inside())
		return;
	podman_run_inside(global->command_line, &f);
	die_failure(&f);
}

static const struct cli_option install_options[] = {
    {"all", 'a', NULL, "every target this machine has a static qemu for", false, NULL},
    {"force", 'f', NULL, "emulate a named target of the host's own family", false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

static const struct cli_command podman_install_command = {
    .name = "install",
    .operands = "[--all | TARGET...]",
    .summary = "register emulators in rootless podman's user namespace",
    .description =
	"Registers each target in the binfmt_misc of podman's own user namespace (Linux\n"
	"6.7+), which every rootless container uses: natively, with F, so a static qemu\n"
	"is needed (the launcher cannot reach qemu inside containers).  Sets up an OCI\n"
	"hook in ~/.config/containers that registers them again whenever podman makes\n"
	"its namespace anew (podman system migrate, a reboot, a logout): once is enough.\n"
	"Nothing of the host's is mounted or written.\n",
    .options = install_options,
    .shared_options = wiring_cli_options,
    .example = "  qbinfmt podman install arm64 s390x\n"
	       "  podman run --rm --arch arm64 IMAGE uname -m\n",
    .run = podman_install,
};

static const struct cli_command podman_remove_command = {
    .name = "remove",
    .operands = "[--all | TARGET...]",
    .summary = "remove them again, and with --all the hook",
    .description = "Removes qbinfmt's entries from podman's user namespace and from the hook's\n"
		   "record; with --all (or the last one) the hook and its hooks_dir go too.\n"
		   "Other entries are left alone unless --force names them.\n",
    .options = manage_options,
    .example = "  qbinfmt podman remove --all\n",
    .run = podman_remove,
};

static const struct cli_command podman_status_command = {
    .name = "status",
    .summary = "what is registered in podman's user namespace, and the hook",
    .example = "  qbinfmt podman status\n  qbinfmt --json podman status\n",
    .run = podman_status,
};

static const struct cli_command podman_find_command = {
    .name = "find",
    .operands = "FILE...",
    .summary = "which entry podman's containers would run each FILE with",
    .example = "  qbinfmt podman find ./hello-arm64\n",
    .run = podman_find,
};

static const struct cli_command podman_doctor_command = {
    .name = "doctor",
    .operands = "FILE...",
    .summary = "why FILE runs in podman's containers, or does not",
    .example = "  qbinfmt podman doctor ./hello-arm64\n",
    .run = podman_doctor,
};

static const struct cli_command podman_hook_command = {
    .name = "hook",
    .operands = "RECORD",
    .summary = "the OCI hook podman runs before each container (plumbing)",
    .description = "Copies the container's configuration from stdin to stdout unchanged and,\n"
		   "in podman's user namespace, registers RECORD's entries where they are\n"
		   "missing.  Quiet; never fails a container start.  What it could not do\n"
		   "goes to RECORD.problems, which qbinfmt podman status shows.\n",
    .hidden = true,
    .run = podman_hook,
};

static const struct cli_command *const podman_subcommands[] = {
    &podman_install_command,
    &podman_remove_command,
    &podman_status_command,
    &podman_find_command,
    &podman_doctor_command,
    &podman_hook_command,
    NULL,
};

const struct cli_command podman_command = {
    .name = "podman",
    .operands = "COMMAND [ARGS...]",
    .summary = "emulation for rootless podman's containers and builds",
    .description = "Rootless podman runs every container in one user namespace of its own; these\n"
		   "commands act there (through podman unshare), never on the host.\n",
    .example = "  qbinfmt podman install --all\n  qbinfmt podman status\n",
    .subcommands = podman_subcommands,
};

static int podman_install(const void *globals, int argc, char **argv)
{
	const struct global_options *global = globals;
	struct install_args args;
	struct binfmt_target where;
	struct selection sel;
	struct outcome_list rows;
	struct wired_target wired[64];
	struct podman_files files;

	/* auto: native with a static qemu; F so that the kernel holds qemu
	 * open for containers that cannot see the host's /usr/bin. */
	install_args_init(&args, global, WIRING_AUTO, PLACE_CONTAINER);
	int first = cli_parse(&podman_install_command, argc, argv, install_take_option, &args);
	if (first <= 0)
		return cli_exit_status(first);
	args.wiring.flags |= ENTRY_FLAG_FIX_BINARY;
	select_targets(cli_command_path(), args.all, argc - first, argv + first, &sel);
	if (!global->dry_run)
		podman_enter(global);
	outcome_list_init(&rows, "target", true);
	size_t n = wire_targets(&sel, &args.wiring, args.force, &rows, wired);
	/* Only with something to register: podman's own instance, once made,
	 * hides the host's entries from its containers for good. */
	if (!global->dry_run && n > 0) {
		locate(&files);
		command_binfmt(global, BINFMT_ADD, &where);
	}
	install_wired(global->binfmt_dir, global->dry_run, wired, n);
	if (global->dry_run) {
		outcome_warn_failures(&rows);
		return outcome_all_ok(&rows) ? EXIT_OK : EXIT_FAILURE_FOUND;
	}
	struct table installed;
	table_init(&installed);
	for (size_t i = 0; i < n; i++)
		if (wired[i].row->ok)
			table_add(&installed, &wired[i].wiring.entry, "podman", 0);
	if (installed.count)
		record_with(&files, &installed);
	table_free(&installed);
	outcome_print(&rows, global->json);
	if (!global->json && outcome_all_ok(&rows))
		printf(
		    "podman: %s registers these again whenever podman makes its user namespace anew\n",
		    files.hook);
	int status = outcome_all_ok(&rows) ? EXIT_OK : EXIT_FAILURE_FOUND;
	outcome_list_free(&rows);
	return status;
}

/* Does a command-line name (a target or an entry name) stand for entry? */
static bool names_entry(const char *arg, const char *entry)
{
	char name[BINFMT_NAME_MAX + 1];

	target_entry_name(arg, name, sizeof(name));
	return !strcmp(name, entry);
}

static int podman_remove(const void *globals, int argc, char **argv)
{
	const struct global_options *global = globals;
	struct manage_args args = {false, false};
	struct binfmt_target where;
	struct podman_files files;
	int first = cli_parse(&podman_remove_command, argc, argv, manage_take_option, &args);

	if (first <= 0)
		return cli_exit_status(first);
	manage_check_operands(&args, argc - first);
	podman_enter(global);
	locate(&files);
	command_binfmt(global, BINFMT_CHANGE, &where);
	int status = manage_entries(global, &where, ACTION_REMOVE, args.all, args.force,
				    argc - first, argv + first);
	if (global->dry_run)
		return status;

	/* The record loses what was named (all of it with --all), whether
	 * or not it was registered in the namespace there is now. */
	struct table record, kept;
	char why[512];
	table_init(&record);
	table_init(&kept);
	if (podman_recorded(&files, &record) < 0)
		die(EXIT_FAILURE_FOUND, "%s: cannot read %s", cli_command_path(), files.entries);
	for (size_t i = 0; !args.all && i < record.count; i++) {
		bool named = false;
		for (int k = first; k < argc; k++)
			named |= names_entry(argv[k], record.items[i].entry.name);
		if (!named)
			table_add(&kept, &record.items[i].entry, files.entries, 0);
	}
	if (podman_persist(&files, &kept, why, sizeof(why)) < 0)
		die(EXIT_FAILURE_FOUND, "%s: %s", cli_command_path(), why);
	if (!global->json && kept.count == 0 && record.count)
		printf("podman: the hook is gone: %s, %s and %s removed\n", files.hook,
		       files.dropin, files.entries);
	table_free(&record);
	table_free(&kept);
	return status;
}

static void setup_lines(struct json *j, void *context);

static int podman_status(const void *globals, int argc, char **argv)
{
	const struct global_options *global = globals;
	struct binfmt_target where;
	struct podman_files files;
	int first = cli_parse(&podman_status_command, argc, argv, NULL, NULL);

	if (first <= 0)
		return cli_exit_status(first);
	if (first < argc)
		die(EXIT_USAGE, "%s: unexpected argument '%s' (try 'qbinfmt podman status --help')",
		    cli_command_path(), argv[first]);
	podman_enter(global);
	locate(&files);
	command_binfmt(global, BINFMT_READ, &where);
	where.podman = true;
	return status_show(global, &where, setup_lines, &files);
}

static int podman_find(const void *globals, int argc, char **argv)
{
	return run_on_files(globals, &podman_find_command, argc, argv, BINFMT_READ, true,
			    find_files);
}

static int podman_doctor(const void *globals, int argc, char **argv)
{
	return run_on_files(globals, &podman_doctor_command, argc, argv, BINFMT_PEEK, true,
			    doctor_files);
}

/* stdin to stdout, unchanged: the hook's part of podman's protocol.
 * false when the configuration could not be passed on. */
static bool pass_config_through(void)
{
	char buf[65536];

	for (;;) {
		ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0;
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			return false;
	}
}

/* RECORD's problems file: where the hook says what it could not do (podman
 * drops a precreate hook's stderr), for qbinfmt podman status to show. */
static void problems_path(const char *record, char *out, size_t size)
{
	snprintf(out, size, "%s.problems", record);
}

__attribute__((format(printf, 2, 3))) static void hook_problem(FILE **problems, const char *fmt,
							       ...);

static void hook_problem(FILE **problems, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	warn("%s: %s", cli_command_path(), line);
	if (*problems)
		fprintf(*problems, "%s\n", line);
}

static int podman_hook(const void *globals, int argc, char **argv)
{
	struct table record;

	(void)globals;
	char problems_file[PATH_MAX + 64], tmp_file[PATH_MAX + 96];

	/* Whatever happens here, podman gets its configuration back and the
	 * container starts: problems are said (stderr, the problems file),
	 * never a failure of the hook. */
	if (!pass_config_through())
		warn("%s: cannot pass the container's configuration on", cli_command_path());
	if (argc != 2 || namespace_is_initial())
		return EXIT_OK;
	problems_path(argv[1], problems_file, sizeof(problems_file));
	snprintf(tmp_file, sizeof(tmp_file), "%s.%d", problems_file, (int)getpid());
	FILE *problems = fopen(tmp_file, "we");
	table_init(&record);
	if (table_load(&record, argv[1], TABLE_REGISTER) < 0 || record.count == 0)
		goto done; /* no record: nothing to do */
	for (size_t i = 0; i < record.problem_count; i++)
		hook_problem(&problems, "%s:%d: %s", record.problems[i].source,
			     record.problems[i].line, record.problems[i].message);
	int r = binfmt_dir_mount_own(BINFMT_DIR_DEFAULT);
	if (r < 0) {
		hook_problem(&problems, "cannot mount podman's own binfmt_misc: %s", strerror(-r));
		goto done;
	}
	/* Containers start together: one hook registers, the others then
	 * find the entries there. */
	(void)binfmt_dir_lock(BINFMT_DIR_DEFAULT);
	for (size_t i = 0; i < record.count; i++) {
		const struct binfmt_entry *e = &record.items[i].entry;
		struct binfmt_entry now;
		struct install_report report;
		if (binfmt_dir_read(BINFMT_DIR_DEFAULT, e->name, &now) == 0 &&
		    entry_same_rule(&now, e))
			continue;
		install_entry(BINFMT_DIR_DEFAULT, e, &report);
		if (report.outcome >= INSTALL_FAILED) {
			char detail[256];
			install_describe(&report, detail, sizeof(detail));
			hook_problem(&problems, "%s: %s", e->name, detail);
		}
	}
done:
	table_free(&record);
	if (problems) {
		bool any = ftell(problems) > 0;
		if (fclose(problems) == 0 && any)
			rename(tmp_file, problems_file);
		else
			unlink(tmp_file);
		if (!any)
			unlink(problems_file);
	}
	return EXIT_OK;
}

static void setup_lines(struct json *j, void *context)
{
	const struct podman_files *files = context;
	struct podman_setup s;
	char problems_file[PATH_MAX + 64], *problems = NULL;
	size_t problems_len = 0;

	podman_setup_state(files, &s);
	problems_path(files->entries, problems_file, sizeof(problems_file));
	if (file_read_all(AT_FDCWD, problems_file, &problems, &problems_len) < 0)
		problems = NULL;
	bool working = s.recorded && s.hook && s.hooks_dir && !s.containers_conf;
	if (j) {
		json_key(j, "hook");
		json_object_open(j);
		json_field_string(j, "record", files->entries);
		json_field_int(j, "recorded", (long long)s.recorded);
		json_field_string(j, "hook", files->hook);
		json_field_bool(j, "hook_written", s.hook);
		json_field_bool(j, "hooks_dir_listed", s.hooks_dir);
		json_field_bool(j, "containers_conf_set", s.containers_conf);
		json_field_bool(j, "working", working);
		json_field_string(j, "last_problems", problems);
		json_object_close(j);
		free(problems);
		return;
	}
	if (!s.recorded && !s.hook)
		printf(
		    "podman: no hook: what is registered lasts as long as podman's user namespace (qbinfmt podman install sets one up)\n");
	else if (working)
		printf(
		    "podman: %s registers %zu entr%s (%s) again whenever podman makes its user namespace anew\n",
		    files->hook, s.recorded, s.recorded == 1 ? "y" : "ies", files->entries);
	if (s.recorded && !s.hook)
		printf("podman: %s is missing: run qbinfmt podman install again\n", files->hook);
	if (s.hook && !s.hooks_dir)
		printf(
		    "podman: podman does not read %s: a containers.conf read after %s sets hooks_dir without it\n",
		    files->hooks_dir, files->dropin);
	if (s.hook && s.containers_conf)
		printf(
		    "podman: CONTAINERS_CONF is set, so podman reads that file alone: add hooks_dir = [\"%s\"] to it\n",
		    files->hooks_dir);
	for (char *line = problems; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char shown[2048];
		quote_terminal(shown, sizeof(shown), line);
		printf("podman: the hook's last run could not: %s\n", shown);
		line = nl ? nl + 1 : NULL;
	}
	free(problems);
}
