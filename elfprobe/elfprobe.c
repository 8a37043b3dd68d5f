/* SPDX-License-Identifier: MIT */
/* elfprobe: test binfmt_misc magic/mask tables against real ELF binaries. */
#include "command.h"
#include "options.h"
#include "probe.h"
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static struct options options = {.table_kind = TABLE_AUTO};

enum {
	GLOBAL_TABLE_KIND = CLI_KEY_BASE + 0x80,
	GLOBAL_HOST_EXE,
	GLOBAL_JSON,
	GLOBAL_HOST,
	GLOBAL_HOST_ARCH,
};

static const struct cli_option global_options[] = {
    {"table", 't', "SRC",
     "the table: builtin (default), builtin-all, live, a register-string or binfmt.d file, a NixOS .nix or Guix .scm file, a binfmt.d, Debian or binfmt_misc folder; repeat to register several, in order",
     false, NULL},
    {"table-kind", GLOBAL_TABLE_KIND, "KIND",
     "read SRC as register, binfmt.d, debian, live, nix or guix", false,
     "auto register binfmt.d debian live nix guix"},
    {"host-exe", GLOBAL_HOST_EXE, "FILE",
     "take the host's identity from FILE, not " HOST_DEFAULT_EXE, false, NULL},
    {"host-arch", GLOBAL_HOST_ARCH, "ARCH",
     "judge as on another machine: ARCH[,+TARGET|,-TARGET]... (which of its family it runs natively)",
     false, NULL},
    {"json", GLOBAL_JSON, NULL, "machine-readable output", false, NULL},
    {"host", GLOBAL_HOST, NULL, "verify: what the host runs natively must match nothing", false,
     NULL},
    {"verbose", 'v', NULL, "verify: list every file, not only the findings", false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

static int take_global(void *globals, int key, const char *arg)
{
	struct options *opts = globals;

	switch (key) {
	case 't':
		if (!arg[0]) {
			warn("--table: empty source");
			return -1;
		}
		if (opts->table_count == OPTIONS_MAX_TABLES) {
			warn("--table: at most %d sources", OPTIONS_MAX_TABLES);
			return -1;
		}
		opts->tables[opts->table_count++] = arg;
		return 0;
	case GLOBAL_TABLE_KIND:
		if (!table_kind_parse(arg, &opts->table_kind)) {
			warn(
			    "--table-kind: '%s' is not register, binfmt.d, debian, live, nix, guix or auto",
			    arg);
			return -1;
		}
		return 0;
	case GLOBAL_HOST_EXE:
		opts->host_exe = arg;
		return 0;
	case GLOBAL_HOST_ARCH:
		opts->host_arch = arg;
		return 0;
	case GLOBAL_JSON:
		opts->json = true;
		return 0;
	case GLOBAL_HOST:
		opts->host_native = true;
		return 0;
	case 'v':
		opts->verbose++;
		return 0;
	}
	return cli_option_bug(key);
}

/* What another machine (--host-arch) is taken to run or not without
 * anything run there, and how to say otherwise.  (--host-exe, which
 * names an executable, assumes the same of its target, silently: the
 * findings that rest on it say "assumed".) */
static void say_assumed(const struct options *opts, const struct host *host)
{
	const char *spec = opts->host_arch;

	if (!spec)
		return;
	for (size_t i = 0; i < target_count; i++) {
		struct host_verdict v;
		host_judge(&host->profile, &targets[i], &v);
		if (v.basis != HOST_ASSUMED)
			continue;
		warn("%s: %s is taken to %s (%s); --host-arch %s,%c%s says otherwise", host->source,
		     targets[i].name, v.native ? "run natively" : "be emulated", v.why, spec,
		     v.native ? '-' : '+', targets[i].name);
	}
}

/* Parse a command's arguments, then what every command needs. */
static int run(const struct options *opts, const struct cli_command *command,
	       int (*act)(const struct options *, const struct host *, int, char **), int argc,
	       char **argv)
{
	static struct host host;
	int first = cli_parse(command, argc, argv, NULL, NULL);

	if (first <= 0)
		return cli_exit_status(first);
	if (opts->host_native && act != do_verify)
		die(EXIT_USAGE, "%s: --host is for verify (try 'elfprobe verify --help')",
		    command->name);
	if (opts->host_arch && opts->host_exe)
		die(EXIT_USAGE, "%s: --host-arch and --host-exe both name the host: give one",
		    command->name);
	if (!probe_init())
		die(EXIT_INPUT, "libelf does not support this ELF version");
	if (opts->host_arch) {
		char why[256];
		if (host_identify_arch(&host, opts->host_arch, why, sizeof(why)) < 0)
			die(EXIT_USAGE, "--host-arch %s: %s", opts->host_arch, why);
	} else {
		int r = host_identify(&host, opts->host_exe);
		if (r < 0 && opts->host_exe) {
			errno = -r;
			die_errno(EXIT_INPUT, "--host-exe %s", opts->host_exe);
		}
	}
	say_assumed(opts, &host);
	return act(opts, &host, argc - first, argv + first);
}

static const struct cli_command probe_command, verify_command, lint_command;

static int run_probe(const void *globals, int argc, char **argv)
{
	return run(globals, &probe_command, do_probe, argc, argv);
}

static int run_verify(const void *globals, int argc, char **argv)
{
	return run(globals, &verify_command, do_verify, argc, argv);
}

static int run_lint(const void *globals, int argc, char **argv)
{
	return run(globals, &lint_command, do_lint, argc, argv);
}

static const struct cli_command probe_command = {
    .name = "probe",
    .operands = "FILE...",
    .summary = "describe FILEs and the entry the kernel would pick (the default)",
    .description = "Each FILE's ELF header, the target it is for, and every entry of the table\n"
		   "that matches it, newest first: the first is the kernel's pick.\n",
    .example = "  elfprobe /usr/bin/qemu-aarch64 ./hello-arm64\n"
	       "  elfprobe --table live probe ./hello-arm64\n",
    .run = run_probe,
};

static const struct cli_command verify_command = {
    .name = "verify",
    .operands = "PATH...",
    .summary = "check that the table picks each ELF file's own target",
    .description = "Walks each PATH; every ELF executable must be picked by exactly one entry,\n"
		   "the one for its own target.  Exit status 1 when one is not.\n",
    .example = "  elfprobe verify --host --table /usr/lib/binfmt.d /srv/rootfs\n",
    .run = run_verify,
};

static const struct cli_command lint_command = {
    .name = "lint",
    .summary = "find entries that are wrong without looking at any binary",
    .description = "Errors (exit status 1) and warnings about the table alone: entries that\n"
		   "capture the host, shadow each other, or reject headers real toolchains emit.\n",
    .example = "  elfprobe lint --table /usr/lib/binfmt.d\n",
    .run = run_lint,
};

static const struct cli_command *const commands[] = {
    &probe_command,
    &verify_command,
    &lint_command,
    NULL,
};

static const struct cli_program elfprobe = {
    .name = "elfprobe",
    .operands = "[probe] FILE... | verify PATH... | lint",
    .summary = "Test binfmt_misc magic/mask tables against real ELF binaries",
    .global_options = global_options,
    .globals = &options,
    .take_global = take_global,
    .commands = commands,
    .default_command = &probe_command,
    .footer = "Exit status: 0 ok, 1 findings, 2 usage, 3 unreadable input.  See elfprobe(1).\n",
};

int main(int argc, char **argv)
{
	return cli_main(&elfprobe, argc, argv);
}
