/* SPDX-License-Identifier: MIT */
/* qbinfmt: register qemu-user emulators with binfmt_misc, and inspect them. */
#include "binfmt-dir.h"
#include "commands.h"
#include "report.h"
#include "wiring.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

struct command {
	const char *name;
	int (*run)(const struct options *opts, int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
    {"list", do_list, "the qemu-user target table and the emulators installed"},
    {"status", do_status, "every entry registered now, ours or not"},
    {"install", do_install, "register emulators: [--all | TARGET...]"},
    {"remove", do_remove, "remove entries qbinfmt installed"},
    {"enable", do_enable, "enable entries qbinfmt installed"},
    {"disable", do_disable, "disable entries qbinfmt installed"},
    {"export", do_export, "write binfmt.d, Debian or register files"},
    {"import", do_import, "install the entries of such files, validated first"},
    {"find", do_find, "which entry the kernel would run for each FILE"},
    {"sandbox", do_sandbox, "run COMMAND with emulation, no root, host untouched"},
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: qbinfmt [OPTIONS] COMMAND [ARGS...]\n\n"
		"Run foreign-architecture Linux binaries through binfmt_misc and qemu-user.\n\n"
		"Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(out,
		"\nOptions:\n"
		"      --binfmt-dir DIR  the binfmt_misc mount (default: %s)\n"
		"      --launcher-dir DIR  where qemu-TARGET-binfmt-P live (default: %s)\n"
		"  -n, --dry-run         print register strings, change nothing\n"
		"      --json            machine-readable output\n"
		"      --qemu-dir DIRS   colon-separated folders holding qemu-TARGET\n"
		"                        (default: %s)\n"
		"  -v, --verbose         say more\n"
		"  -h, --help            show this help\n"
		"      --version         show the version\n\n"
		"See qbinfmt(8) for the details.\n",
		BINFMT_DIR_DEFAULT, wiring_default_launcher_dir(), QEMU_DIRS);
}

/* <0 error, 0 done (help shown), >0 go on: systemd's parse_argv() shape. */
static int parse_argv(int argc, char **argv, struct options *opts)
{
	enum { OPT_JSON = 0x100, OPT_QEMU_DIR, OPT_VERSION, OPT_BINFMT_DIR, OPT_LAUNCHER_DIR };
	static const struct option long_options[] = {
	    {"json", no_argument, NULL, OPT_JSON},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"binfmt-dir", required_argument, NULL, OPT_BINFMT_DIR},
	    {"launcher-dir", required_argument, NULL, OPT_LAUNCHER_DIR},
	    {"qemu-dir", required_argument, NULL, OPT_QEMU_DIR},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, OPT_VERSION},
	    {NULL, 0, NULL, 0},
	};
	int c;

	/* '+': options end at the command, which parses its own. */
	while ((c = getopt_long(argc, argv, "+vhn", long_options, NULL)) != -1) {
		switch (c) {
		case 'n':
			opts->dry_run = true;
			break;
		case OPT_BINFMT_DIR:
			opts->binfmt_dir = optarg;
			break;
		case OPT_LAUNCHER_DIR:
			opts->launcher_dir = optarg;
			break;
		case OPT_JSON:
			opts->json = true;
			break;
		case OPT_QEMU_DIR:
			if (!optarg[0])
				die(EXIT_USAGE, "--qemu-dir: empty folder list");
			opts->qemu_dirs = optarg;
			break;
		case 'v':
			opts->verbose++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case OPT_VERSION:
			printf("qbinfmt %s\n", PACKAGE_VERSION);
			return 0;
		default:
			return -1;
		}
	}
	return 1;
}

int main(int argc, char **argv)
{
	struct options opts = {
	    .qemu_dirs = QEMU_DIRS,
	    .binfmt_dir = BINFMT_DIR_DEFAULT,
	    .launcher_dir = wiring_default_launcher_dir(),
	};
	int r = parse_argv(argc, argv, &opts);

	if (r < 0) {
		fprintf(stderr, "Try 'qbinfmt --help'.\n");
		return EXIT_USAGE;
	}
	if (r == 0)
		return EXIT_OK;
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			return commands[i].run(&opts, argc - optind, argv + optind);
	die(EXIT_USAGE, "unknown command '%s' (try 'qbinfmt --help')", argv[optind]);
}
