/* SPDX-License-Identifier: MIT */
/*
 * qbinfmt sandbox [--root DIR] -- COMMAND: no root needed, no change to
 * the host.  New user, mount and PID namespaces (the caller becomes root
 * there; with subordinate ids, ids 1..N map to the caller's range), a
 * fresh binfmt_misc instance (Linux 6.7+ gives each user namespace its
 * own) with the targets registered, then COMMAND, in DIR when --root is
 * given.  Foreign binaries COMMAND or its children run go through qemu;
 * nothing outside sees any of it, and it all ends with COMMAND.
 */
#include "host-elf.h"
#include "binfmt-dir.h"
#include "cmd-install.h"
#include "commands.h"
#include "install.h"
#include "kernel.h"
#include "registrar.h"
#include "report.h"
#include "sandbox-ns.h"
#include "sandbox-root.h"
#include "select.h"
#include "wiring.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

enum { SANDBOX_ROOT = CLI_KEY_BASE, SANDBOX_BIND, SANDBOX_SINGLE_ID, SANDBOX_SUBIDS };

static const struct cli_option sandbox_options[] = {
    {"target", 't', "TARGET", "emulate only these (repeat; default: all this machine has)", false,
     NULL},
    {"root", SANDBOX_ROOT, "DIR", "run COMMAND inside the foreign root filesystem DIR", false,
     NULL},
    {"bind", SANDBOX_BIND, "SRC[:DST]", "with --root: bind SRC on DST inside it (repeat)", false,
     NULL},
    {"single-id", SANDBOX_SINGLE_ID, NULL, "map your own id alone, not your subordinate ids", false,
     NULL},
    {"subids", SANDBOX_SUBIDS, "START:COUNT", "map ids 1..COUNT inside to START..", false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

struct sandbox_args {
	struct wiring_options wiring;
	struct sandbox_root root;
	struct id_range forced;
	bool single, have_forced;
	char *names[64];
	int name_count;
};

static int take(void *context, int key, const char *arg)
{
	struct sandbox_args *args = context;
	struct failure f;
	int r = wiring_take_option(key, arg, &args->wiring);

	if (r != 0)
		return r < 0 ? -1 : 0;
	switch (key) {
	case 't':
		if (args->name_count == 63) {
			warn("%s: too many --target options", cli_command_path());
			return -1;
		}
		args->names[args->name_count++] = (char *)arg;
		return 0;
	case SANDBOX_ROOT:
		args->root.dir = arg;
		return 0;
	case SANDBOX_BIND:
		if (sandbox_root_add_bind(&args->root, arg, &f) < 0) {
			warn("%s: %s", cli_command_path(), f.why);
			return -1;
		}
		return 0;
	case SANDBOX_SINGLE_ID:
		args->single = true;
		return 0;
	case SANDBOX_SUBIDS:
		if (!subid_parse(arg, &args->forced)) {
			warn("%s: --subids takes START:COUNT, not '%s'", cli_command_path(), arg);
			return -1;
		}
		args->have_forced = true;
		return 0;
	}
	return cli_option_bug(key);
}

static void mount_private_binfmt(const char *dir)
{
	if (mount("binfmt_misc", dir, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0)
		return;
	int saved = errno;
	const char *release = kernel_release();
	errno = saved;
	die_errno(
	    EXIT_FAILURE_FOUND,
	    "%s: cannot mount a private binfmt_misc on %s (needs Linux %s or later; this is %s)",
	    cli_command_path(), dir, kernel_feature_version(KERNEL_PRIVATE_BINFMT), release);
}

/* Register the selected targets in the sandbox's own binfmt_misc. */
static void register_targets(const struct selection *sel, const struct wiring_options *wo,
			     const struct target *root_target, bool verbose)
{
	for (size_t i = 0; i < sel->count; i++) {
		const struct target *t = sel->items[i];
		bool needed = sel->named[i] || t == root_target;
		struct wiring_result wr;
		struct install_report report;
		char detail[256];

		struct host_verdict native;
		host_judge(host_here(), t, &native);
		if (native.native) {
			if (sel->named[i])
				warn("%s: %s runs natively here (%s); not emulated",
				     cli_command_path(), t->name, native.why);
			continue;
		}
		/* Inside --root DIR no host library is reachable: only a static
		 * qemu runs there (wiring_build() refuses the others). */
		struct wiring_options here = *wo;
		if (root_target)
			here.place = PLACE_FOREIGN_ROOT;
		if (wiring_build(t, &here, &wr) < 0) {
			if (needed)
				die(EXIT_FAILURE_FOUND, "%s: %s: %s", cli_command_path(), t->name,
				    wr.why);
			continue; /* all targets: those this machine can run */
		}
		if (wiring_make_link(&wr, detail, sizeof(detail)) < 0)
			die(EXIT_FAILURE_FOUND, "%s: %s: %s", cli_command_path(), t->name, detail);
		install_entry(BINFMT_DIR_DEFAULT, &wr.entry, &report);
		if (report.outcome >= INSTALL_FAILED) {
			install_describe(&report, detail, sizeof(detail));
			die(EXIT_FAILURE_FOUND, "%s: %s: %s", cli_command_path(), t->name, detail);
		}
		if (verbose)
			warn("%s: %s via %s (%s%s%s)", cli_command_path(), t->name,
			     wr.entry.interpreter, wiring_name(wr.chosen), wr.why[0] ? ": " : "",
			     wr.why);
	}
}

/* In the command's process: into the root, then the command. */
static noreturn void run_command(const struct sandbox_root *root, char **argv)
{
	struct failure f;

	if (root->dir && sandbox_root_enter(root, &f) < 0)
		die_failure(&f);
	execvp(argv[0], argv);
	die_errno(errno == ENOENT ? 127 : 126, "%s: cannot run %s", cli_command_path(), argv[0]);
}

/* As the sandbox's init: its binfmt_misc, then the command.  Returns the
 * command's exit status, in init. */
static int run_inside(const struct global_options *global, struct sandbox_args *args,
		      const struct selection *sel, const struct target *root_target,
		      const struct sandbox_ids *ids, char **argv)
{
	struct failure f;
	int status;

	/* Only once there is a sandbox: a refusal is then the one line. */
	if (ids->notice[0])
		warn(
		    "%s: %s; running with a single id: programs that change file owners (dpkg, apt) will fail",
		    cli_command_path(), ids->notice);
	mount_private_binfmt(BINFMT_DIR_DEFAULT);
	register_targets(sel, &args->wiring, root_target, global->verbose > 0);
	/* The convention container managers follow (systemd's container
	 * interface, lxc): tools then know that device nodes cannot be made
	 * here.  debootstrap reads it to bind /dev instead of mknod. */
	setenv("container", "lxc", 0);
	switch (sandbox_start_command(&status, &f)) {
	case SANDBOX_FAILED:
		die_failure(&f);
	case SANDBOX_OVER:
		return status;
	case SANDBOX_INSIDE:
		break;
	}
	run_command(&args->root, argv);
}

static int run(const void *globals, int argc, char **argv)
{
	const struct global_options *global = globals;
	struct sandbox_args args;
	struct failure f;
	int status;

	memset(&args, 0, sizeof(args));
	/* auto: native wherever qemu honours P, so that chroots other tools
	 * make inside (debootstrap, arch-test -c) reach qemu without /proc. */
	args.wiring = (struct wiring_options){
	    .wiring = WIRING_AUTO,
	    .place = PLACE_SANDBOX,
	    .runtime_dir = registrar_runtime_dir(),
	};
	int first = cli_parse(&sandbox_command, argc, argv, take, &args);
	if (first <= 0)
		return cli_exit_status(first);
	wiring_options_globals(&args.wiring, global);
	refuse_namespace_of(
	    global,
	    "a sandbox makes namespaces of its own (to reach a running one, give its PID 1 to install)");
	if (global->dry_run)
		die(EXIT_USAGE,
		    "%s: --dry-run means nothing here: a sandbox would run its command all the same (it changes nothing outside it)",
		    cli_command_path());
	if (first >= argc)
		die(EXIT_USAGE,
		    "%s: which command? (qbinfmt sandbox [OPTIONS] -- COMMAND [ARGS...])",
		    cli_command_path());
	if (args.root.bind_count && !args.root.dir)
		die(EXIT_USAGE, "%s: --bind needs --root", cli_command_path());
	if (args.single && args.have_forced)
		die(EXIT_USAGE, "%s: --single-id and --subids exclude each other",
		    cli_command_path());

	/* Always F: the kernel opens the interpreter at registration, so
	 * chroots made inside the sandbox (mmdebstrap, debootstrap, --root)
	 * still reach it. */
	args.wiring.flags |= ENTRY_FLAG_FIX_BINARY;
	const struct target *root_target = NULL;
	if (args.root.dir) {
		if (sandbox_root_check(args.root.dir, &root_target, &f) < 0)
			die_failure(&f);
		if (args.name_count)
			args.names[args.name_count++] = (char *)root_target->name;
	}
	struct selection sel;
	if (select_targets(args.name_count == 0, args.name_count, args.names, &sel, &f) < 0)
		die_failure(&f);

	struct sandbox_ids ids;
	sandbox_choose_ids(args.single, args.have_forced ? &args.forced : NULL, &ids);
	switch (sandbox_enter(&ids, &status, &f)) {
	case SANDBOX_FAILED:
		die_failure(&f);
	case SANDBOX_OVER:
		return status;
	case SANDBOX_INSIDE:
		break;
	}
	return run_inside(global, &args, &sel, root_target, &ids, argv + first);
}

const struct cli_command sandbox_command = {
    .name = "sandbox",
    .operands = "[--] COMMAND [ARGS...]",
    .summary = "run COMMAND with emulation, no root, host untouched",
    .description = "COMMAND runs as root of a new user namespace (your subordinate ids mapped to\n"
		   "1..N), in new mount and PID namespaces with a binfmt_misc of their own (Linux\n"
		   "6.7+), where the targets are registered with F.  Foreign programs it or its\n"
		   "children run are emulated; nothing outside sees any of it.  Options end at\n"
		   "COMMAND.\n",
    .options = sandbox_options,
    .shared_options = wiring_cli_options,
    .example = "  qbinfmt sandbox -- mmdebstrap --variant=apt --arch=arm64 bookworm ./arm64\n"
	       "  qbinfmt sandbox --root ./arm64 -- sh -c 'uname -m'\n",
    .options_before_operands = true,
    .run = run,
};
