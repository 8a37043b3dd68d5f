/* SPDX-License-Identifier: MIT */
/*
 * qbinfmt podman install | status | remove | find | hook: emulation in
 * rootless podman's user namespace (podman-ns.h), so that `podman run
 * --arch arm64` and `podman build --platform linux/arm64` work without
 * root and without any host-wide registration.  This file parses and
 * prints; the files that make it last are podman-files.h's, the hook's
 * work podman-hook.h's, containers.conf podman-conf.h's.
 */
#include "host-elf.h"
#include "binfmt-dir.h"
#include "cmd-install.h"
#include "json.h"
#include "namespace.h"
#include "podman-files.h"
#include "podman-hook.h"
#include "podman-ns.h"
#include "podman-state.h"
#include "quote.h"
#include "registrar.h"
#include "report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One line of podman's on stdout, its text cut and quoted for a terminal
 * (paths under $HOME may hold anything). */
__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{
	char line[4096], shown[4 * 4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	quote_terminal(shown, sizeof(shown), line);
	printf("podman: %s\n", shown);
}

static void locate(struct podman_files *files)
{
	struct failure f;

	if (podman_files_locate(files, &f) < 0)
		die_failure(&f);
}

static void version(struct podman_version *v)
{
	struct failure f;

	if (podman_version(v, &f) < 0)
		die_failure(&f);
}

/* What podman status prints after the entries. */
struct status_context {
	const struct podman_files *files;
	const struct podman_state *state;
};

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
	if (podman_enter_namespace(global->command_line, &f) < 0)
		die_failure(&f);
}

static const struct cli_option install_options[] = {
    {"all", 'a', NULL, "every target this machine has a static qemu for", false, NULL},
    {"force", 'f', NULL,
     "emulate a named target the host runs natively; take files another emulator's entry runs",
     false, NULL},
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
	"Refused, with nothing done, where podman would never run that hook\n"
	"(CONTAINERS_CONF naming a file without its folder) or the record of what it\n"
	"registers cannot be read whole.  Nothing of the host's is mounted or written.\n",
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
		   "record; with --all (or the last one) the hook, its hooks_dir drop-in and\n"
		   "what it said last go too, a record that cannot be read included.  Other\n"
		   "entries are left alone unless --force names them.  It works in a namespace\n"
		   "where no native program runs any more (podman unshare included).\n",
    .options = manage_options,
    .example = "  qbinfmt podman remove --all\n",
    .run = podman_remove,
};

static const struct cli_command podman_status_command = {
    .name = "status",
    .summary = "what is registered in podman's user namespace, and the hook",
    .description = "The entries of podman's namespace, then the hook as podman would run it:\n"
		   "the program it names (run here with --version), whether podman reads its\n"
		   "folder, what it said last.  Exit status 1 when the hook is set up and will\n"
		   "not work, or an entry keeps the namespace's own programs from running.\n",
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
		   "missing, under the rules podman install applies; it mounts the namespace's\n"
		   "own binfmt_misc only when one goes in.  Quiet; never fails a container\n"
		   "start.  What it could not do goes to RECORD.problems, which qbinfmt podman\n"
		   "status shows.\n",
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
		   "commands act there (joining its pause process, or through podman unshare),\n"
		   "never on the host.\n",
    .example = "  qbinfmt podman install --all\n  qbinfmt podman status\n",
    .subcommands = podman_subcommands,
};

/* What install needs before it registers anything: the record, read
 * whole, and the drop-in podman would read the hook's folder through.
 * Dies (nothing registered, nothing written) when either cannot be. */
static void install_preflight(const struct podman_files *files, struct podman_record *record,
			      char **dropin)
{
	struct podman_version v;
	struct conf_places places;
	struct failure f;

	version(&v);
	if (podman_record_read(files->record, true, record, &f) < 0)
		die_failure(&f);
	podman_conf_places(files, &v, &places);
	if (conf_dropin_plan(&places, dropin, &f) < 0)
		die_failure(&f);
}

/* The record with what was installed now in it, and the files written. */
static void record_installed(const struct podman_files *files, struct podman_record *record,
			     const char *dropin, const struct wired_target *wired, size_t n,
			     struct table *installed)
{
	struct failure f;

	for (size_t i = 0; i < n; i++) {
		if (!wired[i].row->ok)
			continue;
		/* Only --force brings in a target of the host's own family. */
		const char *forced =
		    host_native(host_here(), wired[i].target) ? wired[i].target->family : NULL;
		if (podman_record_put(record, &wired[i].wiring.entry, forced, &f) < 0)
			die_failure(&f);
		table_add(installed, &wired[i].wiring.entry, "podman", 0);
	}
	if (installed->count && podman_persist(files, record, dropin, &f) < 0)
		die_failure(&f);
}

static int podman_install(const void *globals, int argc, char **argv)
{
	struct failure why, nothing;
	const struct global_options *global = globals;
	struct install_args args;
	struct binfmt_target where;
	struct selection sel;
	struct outcome_list rows;
	struct wired_target wired[64];
	struct podman_files files;
	struct podman_record record;
	struct table parent, installed;
	char *dropin = NULL, note[1024];
	bool makes_own = false;

	/* auto: native with a static qemu; F so that the kernel holds qemu
	 * open for containers that cannot see the host's /usr/bin. */
	install_args_init(&args, WIRING_AUTO, PLACE_CONTAINER);
	int first = cli_parse(&podman_install_command, argc, argv, install_take_option, &args);
	if (first <= 0)
		return cli_exit_status(first);
	wiring_options_globals(&args.wiring, global);
	args.wiring.flags |= ENTRY_FLAG_FIX_BINARY;
	if (select_targets(args.all, argc - first, argv + first, &sel, &why) < 0)
		die_failure(&why);
	table_init(&parent);
	if (!global->dry_run) {
		podman_enter(global);
		locate(&files);
		install_preflight(&files, &record, &dropin);
	}
	outcome_list_init(&rows, "target", true);
	size_t n = wire_targets(&sel, &args.wiring, args.force, &rows, wired, &nothing);
	/* Only with something to register: podman's own instance, once made,
	 * hides the host's entries from its containers for good. */
	if (!global->dry_run && n > 0) {
		/* What it hides, when it makes one (not in a --binfmt-dir). */
		makes_own =
		    !strcmp(global->binfmt_dir, BINFMT_DIR_DEFAULT) &&
		    podman_parent_entries(global->binfmt_dir, namespace_outer_binfmt(), &parent);
		command_binfmt(global, BINFMT_ADD, &where);
	}
	install_wired(global->binfmt_dir, global->dry_run, args.force, wired, n);
	if (global->dry_run) {
		outcome_warn_failures(&rows);
		return wired_status(&rows, &nothing);
	}
	table_init(&installed);
	record_installed(&files, &record, dropin, wired, n, &installed);
	outcome_print(&rows, global->json);
	if (makes_own && podman_hidden_note(&parent, &installed, note, sizeof(note)))
		warn("%s: %s", cli_command_path(), note);
	int status = wired_status(&rows, &nothing);
	if (!global->json && status == EXIT_OK)
		say("%s registers these again whenever podman makes its user namespace anew",
		    files.hook);
	table_free(&installed);
	table_free(&parent);
	podman_record_free(&record);
	free(dropin);
	outcome_list_free(&rows);
	return status;
}

/* The record without what remove named (all of it with --all), whether
 * or not it was registered in the namespace there is now. */
static void unrecord(const struct podman_files *files, struct podman_record *record, bool all,
		     int count, char **names, bool quiet)
{
	struct failure f;
	bool had = access(files->record, F_OK) == 0 || access(files->hook, F_OK) == 0;

	if (!all)
		podman_record_drop(record, count, names);
	if (all || record->entries.count == 0) {
		if (podman_take_down(files, &f) < 0)
			die_failure(&f);
		if (had && !quiet)
			say("the hook is gone: %s, %s and %s removed", files->hook, files->dropin,
			    files->record);
	} else if (podman_record_write(files, record, &f) < 0) {
		die_failure(&f);
	}
}

static int podman_remove(const void *globals, int argc, char **argv)
{
	const struct global_options *global = globals;
	struct manage_args args = {false, false};
	struct binfmt_target where;
	struct podman_files files;
	struct podman_record record;
	struct failure f;
	int first = cli_parse(&podman_remove_command, argc, argv, manage_take_option, &args);

	if (first <= 0)
		return cli_exit_status(first);
	manage_check_operands(&args, argc - first);
	podman_enter(global);
	locate(&files);
	/* --all keeps nothing of the record: it goes, read or not. */
	memset(&record, 0, sizeof(record));
	if (!args.all && podman_record_read(files.record, true, &record, &f) < 0)
		die_failure(&f);
	command_binfmt(global, BINFMT_CHANGE, &where);
	int status = manage_entries(global, &where, ACTION_REMOVE, args.all, args.force,
				    argc - first, argv + first);
	if (!global->dry_run)
		unrecord(&files, &record, args.all, argc - first, argv + first, global->json);
	podman_record_free(&record);
	return status;
}

static void setup_lines(struct json *j, void *context);

static int podman_status(const void *globals, int argc, char **argv)
{
	const struct global_options *global = globals;
	struct binfmt_target where;
	struct podman_files files;
	struct podman_version v;
	struct podman_state state;
	int first = cli_parse(&podman_status_command, argc, argv, NULL, NULL);

	if (first <= 0)
		return cli_exit_status(first);
	if (first < argc)
		die(EXIT_USAGE, "%s: unexpected argument '%s' (try 'qbinfmt podman status --help')",
		    cli_command_path(), argv[first]);
	podman_enter(global);
	locate(&files);
	version(&v);
	command_binfmt(global, BINFMT_READ, &where);
	where.podman = true;
	podman_state_read(&files, &v, where.dir, where.own, &state);
	struct status_context context = {&files, &state};
	int status = status_show(global, &where, setup_lines, &context);
	/* Set up and not working, or an entry that breaks the namespace: a
	 * finding. */
	if (status == EXIT_OK && ((state.recorded && !state.working) || state.captured[0] ||
				  state.conf_problem[0] || state.hidden_dirs[0]))
		status = EXIT_FAILURE_FOUND;
	podman_state_free(&state);
	return status;
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
 * With write(2), not stdio, so that a failure's errno is its own.  0, or
 * -errno when the configuration could not be passed on. */
static int pass_config_through(void)
{
	char buf[65536];

	for (;;) {
		ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return 0;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(STDOUT_FILENO, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return -errno;
			done += w;
		}
	}
}

static int podman_hook(const void *globals, int argc, char **argv)
{
	struct podman_hook_report report;

	(void)globals;
	/* Whatever happens here, podman gets its configuration back and the
	 * container starts: problems are said (stderr, the problems file),
	 * never a failure of the hook. */
	int passed = pass_config_through();
	if (passed < 0) {
		/* podman cannot start this container whatever the hook does next;
		 * the entries are still registered for the next one. */
		errno = -passed;
		warn_errno("%s: cannot pass the container's configuration on", cli_command_path());
	}
	int status = passed < 0 ? EXIT_FAILURE_FOUND : EXIT_OK;
	if (argc != 2 || namespace_is_initial())
		return status;
	podman_hook_run(BINFMT_DIR_DEFAULT, argv[1], &report);
	for (size_t i = 0; i < report.count; i++)
		warn("%s: %s", cli_command_path(), report.lines[i]);
	return status;
}

static void setup_json(struct json *j, const struct podman_files *files,
		       const struct podman_state *s)
{
	json_key(j, "hook");
	json_object_open(j);
	json_field_string(j, "record", files->record);
	json_field_int(j, "recorded", (long long)s->recorded);
	json_field_string(j, "record_problem", s->record_problem[0] ? s->record_problem : NULL);
	json_field_string(j, "hook", files->hook);
	json_field_bool(j, "hook_written", s->hook.ours);
	json_field_string(j, "hook_program", s->hook.program[0] ? s->hook.program : NULL);
	json_field_bool(j, "hook_runs", s->hook.runs);
	json_field_string(j, "hook_problem", s->hook.why[0] ? s->hook.why : NULL);
	json_field_bool(j, "hooks_dir_listed", s->hooks_dir_read);
	json_field_string(j, "hooks_dirs_hidden", s->hidden_dirs[0] ? s->hidden_dirs : NULL);
	json_field_bool(j, "containers_conf_set", s->containers_conf);
	json_field_string(j, "conf_problem", s->conf_problem[0] ? s->conf_problem : NULL);
	json_field_string(j, "captured_by", s->captured[0] ? s->captured : NULL);
	json_field_bool(j, "working", s->working);
	json_field_string(j, "last_problems", s->last_said);
	json_object_close(j);
}

static void setup_lines(struct json *j, void *context)
{
	const struct status_context *c = context;
	const struct podman_files *files = c->files;
	const struct podman_state *s = c->state;

	if (j) {
		setup_json(j, files, s);
		return;
	}
	if (s->captured[0])
		say("%s would capture this machine's own programs: no native program runs in podman's namespace, podman unshare and podman run included (qbinfmt podman remove %s mends it)",
		    s->captured, s->captured);
	if (s->record_problem[0])
		say("%s", s->record_problem);
	if (!s->recorded && !s->hook.present)
		say("no hook: what is registered lasts as long as podman's user namespace (qbinfmt podman install sets one up)");
	else if (s->working)
		say("%s registers %zu entr%s (%s) again whenever podman makes its user namespace anew",
		    files->hook, s->recorded, s->recorded == 1 ? "y" : "ies", files->record);
	if (s->recorded && !s->hook.present)
		say("%s is missing: run qbinfmt podman install again", files->hook);
	else if (s->recorded && !s->hook.runs)
		say("the hook cannot run: %s: run qbinfmt podman install again, with the qbinfmt that is to stay",
		    s->hook.why);
	if (s->conf_problem[0])
		say("%s", s->conf_problem);
	else if (s->hook.present && !s->hooks_dir_read && s->containers_conf)
		say("CONTAINERS_CONF is set, so podman reads that file alone, and its hooks_dir leaves out %s: add the folder to it",
		    files->hooks_dir);
	else if (s->hook.present && !s->hooks_dir_read)
		say("podman does not read %s: %s sets hooks_dir after %s without it",
		    files->hooks_dir, s->hooks_dir_left_out_by, files->dropin);
	if (s->hook.present && s->hidden_dirs[0])
		say("%s hides hook folders set in %s since it was written: %s (qbinfmt podman install again keeps them)",
		    files->dropin, s->hidden_dirs_set_by, s->hidden_dirs);
	for (const char *line = s->last_said; line && *line;) {
		size_t len = strcspn(line, "\n");
		say("the hook said: %.*s", (int)len, line);
		line += len;
		if (*line == '\n')
			line++;
	}
}
