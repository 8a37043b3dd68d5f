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
#include "binfmt-dir.h"
#include "commands.h"
#include "install.h"
#include "registrar.h"
#include "report.h"
#include "sandbox-ns.h"
#include "sandbox-root.h"
#include "select.h"
#include "wiring.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/utsname.h>

static void mount_private_binfmt(const char *dir)
{
	struct utsname u;

	if (mount("binfmt_misc", dir, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0)
		return;
	int saved = errno;
	uname(&u);
	errno = saved;
	die_errno(
	    EXIT_FAILURE_FOUND,
	    "sandbox: cannot mount a private binfmt_misc on %s (needs Linux 6.7 or later; this "
	    "is %s)",
	    dir, u.release);
}

/* Register the selected targets in the sandbox's own binfmt_misc. */
static void register_targets(const struct options *opts, const struct selection *sel,
			     const struct wiring_options *wo, const struct target *root_target)
{
	for (size_t i = 0; i < sel->count; i++) {
		const struct target *t = sel->items[i];
		struct wiring_result wr;
		struct install_report report;
		char detail[256];

		if (select_is_host_family(t)) {
			if (sel->named[i])
				warn("sandbox: %s is the host's own family and runs natively; not "
				     "emulated",
				     t->name);
			continue;
		}
		if (wiring_build(t, wo, &wr) < 0) {
			if (sel->named[i] || t == root_target)
				die(EXIT_FAILURE_FOUND, "sandbox: %s: %s", t->name, wr.why);
			continue; /* all targets: those this machine can run */
		}
		if (root_target && !wr.qemu_static) {
			/* No host library is reachable inside a foreign root. */
			if (sel->named[i] || t == root_target)
				die(EXIT_FAILURE_FOUND,
				    "sandbox: %s is dynamically linked and cannot run inside a "
				    "foreign root: "
				    "install qemu-user-static",
				    wr.qemu);
			continue;
		}
		install_entry(BINFMT_DIR_DEFAULT, &wr.entry, &report);
		if (report.outcome >= INSTALL_FAILED) {
			install_describe(&report, detail, sizeof(detail));
			die(EXIT_FAILURE_FOUND, "sandbox: %s: %s", t->name, detail);
		}
		if (opts->verbose)
			fprintf(stderr, "qbinfmt: sandbox: %s via %s (%s%s%s)\n", t->name,
				wr.entry.interpreter, wiring_name(wr.chosen), wr.why[0] ? ": " : "",
				wr.why);
	}
}

int do_sandbox(const struct options *opts, int argc, char **argv)
{
	enum { OPT_ROOT = 0x100, OPT_BIND, OPT_SINGLE_ID, OPT_SUBIDS };
	static const struct option long_options[] = {
	    {"target", required_argument, NULL, 't'},
	    {"wiring", required_argument, NULL, WIRING_OPTION},
	    {"open-binary", no_argument, NULL, 'O'},
	    {"credentials", no_argument, NULL, 'C'},
	    {"fix-binary", no_argument, NULL, 'F'},
	    {"root", required_argument, NULL, OPT_ROOT},
	    {"bind", required_argument, NULL, OPT_BIND},
	    {"single-id", no_argument, NULL, OPT_SINGLE_ID},
	    {"subids", required_argument, NULL, OPT_SUBIDS},
	    {NULL, 0, NULL, 0},
	};
	struct wiring_options wo = {
	    .wiring = WIRING_LAUNCHER,
	    .qemu_dirs = opts->qemu_dirs,
	    .launcher_dir = opts->launcher_dir,
	    .runtime_dir = registrar_runtime_dir(),
	};
	struct sandbox_root root = {0};
	struct id_range forced;
	bool single = false, have_forced = false;
	char *names[64];
	int name_count = 0, c;

	/* 0, not 1: glibc then forgets the "+" mode of the global parse. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "+t:" WIRING_SHORT_OPTIONS, long_options, NULL)) !=
	       -1) {
		if (wiring_take_option("sandbox", c, optarg, &wo))
			continue;
		switch (c) {
		case 't':
			if (name_count == 63)
				die(EXIT_USAGE, "sandbox: too many --target options");
			names[name_count++] = optarg;
			break;
		case OPT_ROOT:
			root.dir = optarg;
			break;
		case OPT_BIND:
			sandbox_root_add_bind(&root, optarg);
			break;
		case OPT_SINGLE_ID:
			single = true;
			break;
		case OPT_SUBIDS:
			if (!subid_parse(optarg, &forced))
				die(EXIT_USAGE, "sandbox: --subids takes START:COUNT, not '%s'",
				    optarg);
			have_forced = true;
			break;
		default:
			die(EXIT_USAGE, "sandbox: try 'qbinfmt --help'");
		}
	}
	if (optind >= argc)
		die(EXIT_USAGE,
		    "sandbox: which command? (qbinfmt sandbox [OPTIONS] -- COMMAND [ARGS...])");
	if (root.binds && !root.dir)
		die(EXIT_USAGE, "sandbox: --bind needs --root");
	if (single && have_forced)
		die(EXIT_USAGE, "sandbox: --single-id and --subids exclude each other");

	/* Always F: the kernel opens the interpreter at registration, so
	 * chroots made inside the sandbox (mmdebstrap, debootstrap, --root)
	 * still reach it. */
	wo.flags |= ENTRY_FLAG_FIX_BINARY;
	const struct target *root_target = NULL;
	if (root.dir) {
		root_target = sandbox_root_check(root.dir);
		if (name_count)
			names[name_count++] = (char *)root_target->name;
	}
	struct selection sel;
	select_targets("sandbox", name_count == 0, name_count, names, &sel);

	struct sandbox_ids ids;
	sandbox_choose_ids(single, have_forced ? &forced : NULL, &ids);
	if (ids.notice[0])
		warn("sandbox: %s; running with a single id: programs that change file owners "
		     "(dpkg, apt) will fail",
		     ids.notice);
	sandbox_enter(&ids);

	/* Now root and PID 1 of the sandbox, with a /proc of our own. */
	mount_private_binfmt(BINFMT_DIR_DEFAULT);
	register_targets(opts, &sel, &wo, root_target);
	sandbox_run_as_init(argv + optind, root.dir ? sandbox_root_enter : NULL, &root);
}
