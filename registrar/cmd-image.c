/* SPDX-License-Identifier: MIT */
/*
 * qbinfmt image [--install PLATFORMS] [--uninstall NAMES] [--version]:
 * the container image's entry point (image/Containerfile), answering the
 * calls tonistiigi/binfmt's users and docker/setup-qemu-action make, with
 * qbinfmt's entries: native, P and F, checked as install checks them.
 * What the calls mean is image.h's; where they act, and whether what they
 * register outlives the container, image-binfmt.h's.
 */
#include "binfmt-dir.h"
#include "cmd-install.h"
#include "host-elf.h"
#include "image-binfmt.h"
#include "image.h"
#include "json.h"
#include "qemu-ask.h"
#include "qemu-find.h"
#include "report.h"
#include "target-entry.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { IMAGE_INSTALL = CLI_KEY_BASE, IMAGE_UNINSTALL, IMAGE_VERSION };

static const struct cli_option image_options[] = {
    {"install", IMAGE_INSTALL, "PLATFORMS",
     "register these: all, or platforms or targets, comma-separated", false, "all"},
    {"uninstall", IMAGE_UNINSTALL, "NAMES",
     "remove qbinfmt's: qemu-TARGET, qbinfmt-TARGET, platforms, patterns", false, NULL},
    {"version", IMAGE_VERSION, NULL, "qbinfmt's version, and its qemu's", false, NULL},
    {NULL, 0, NULL, NULL, false, NULL},
};

struct image_args {
	const char *install, *uninstall; /* the last one given, as Go's flag takes them */
	bool version;
};

static int take_option(void *context, int key, const char *arg)
{
	struct image_args *args = context;

	switch (key) {
	case IMAGE_INSTALL:
		args->install = arg;
		return 0;
	case IMAGE_UNINSTALL:
		args->uninstall = arg;
		return 0;
	case IMAGE_VERSION:
		args->version = true;
		return 0;
	}
	return cli_option_bug(key);
}

static int run(const void *globals, int argc, char **argv);

const struct cli_command image_command = {
    .name = "image",
    .summary = "the container image's entry point: tonistiigi/binfmt's calls, qbinfmt's entries",
    .description =
	"Run in a --privileged container (image/Containerfile): registers the image's static\n"
	"qemu with P and F, natively, as qbinfmt-TARGET, where the container sees binfmt_misc:\n"
	"the host's (rootful docker or podman) or its user namespace's (rootless).  It takes\n"
	"the calls made of tonistiigi/binfmt: --install all or a list of platforms, --uninstall\n"
	"qemu-TARGET or 'qemu-*' (which mean qbinfmt's entries, and say so), and with nothing\n"
	"prints {\"supported\": [...], \"emulators\": [...]}.  It registers only where something\n"
	"outside the container holds binfmt_misc mounted, so that the entries outlive it, and\n"
	"otherwise says what to run instead.\n",
    .options = image_options,
    .example = "  podman run --rm --privileged IMAGE --install arm64,riscv64\n"
	       "  podman run --rm --privileged IMAGE\n",
    .run = run,
};

/* Why nothing registered from here would stay, and what to run instead;
 * said when --install is refused, and as a note otherwise. */
static const char *ends_with_container(const struct image_binfmt *b)
{
	if (b->in_user_namespace)
		return "nothing outside this container holds its user namespace's binfmt_misc (rootless podman or docker), so entries registered here would end with the container: as the user who runs podman, run 'qbinfmt podman install TARGET...' instead (rootless docker: qbinfmt --namespace-of, see qbinfmt(8))";
	return "the host holds no binfmt_misc mount, so entries registered here would end with the container: mount it on the host first (as root: mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc; where systemd's automount waits there, ls /proc/sys/fs/binfmt_misc mounts it), then run this again";
}

static int show_version(const struct global_options *global)
{
	struct qemu_found found;
	size_t count = 0;
	int version = -1;

	for (size_t i = 0; i < target_count; i++) {
		qemu_find(global->qemu_dirs, targets[i].name, &found);
		if (!found.static_path[0])
			continue;
		if (version < 0)
			version = qemu_version(found.static_path);
		count++;
	}
	if (version < 0)
		printf("qbinfmt %s; no static qemu in %s\n", PACKAGE_VERSION, global->qemu_dirs);
	else
		printf("qbinfmt %s; qemu %d.%d, static, for %zu targets\n", PACKAGE_VERSION,
		       version / 100, version % 100, count);
	return EXIT_OK;
}

static void load(const struct image_binfmt *b, struct table *live)
{
	table_init(live);
	if (!b->lasts)
		return;
	int r = binfmt_dir_load(b->dir, live);
	if (r < 0) {
		errno = -r;
		die_errno(EXIT_INPUT, "%s: cannot read %s", cli_command_path(), b->dir);
	}
}

/* tonistiigi/binfmt's JSON, laid out as it lays it out. */
static int print_status(const struct image_binfmt *b)
{
	const struct platform *supported[64];
	struct table live;
	struct json j;

	load(b, &live);
	size_t n = image_supported(&live, host_here(), supported,
				   sizeof(supported) / sizeof(supported[0]));
	json_start_indented(&j, stdout);
	json_object_open(&j);
	json_key(&j, "supported");
	json_array_open(&j);
	for (size_t i = 0; i < n; i++) {
		char name[64];
		platform_format(supported[i], name, sizeof(name));
		json_string(&j, name);
	}
	json_array_close(&j);
	json_key(&j, "emulators");
	json_array_open(&j);
	for (size_t i = 0; i < live.count; i++)
		if (live.items[i].entry.enabled)
			json_string(&j, live.items[i].entry.name);
	json_array_close(&j);
	json_object_close(&j);
	json_finish(&j);
	table_free(&live);
	if (!b->lasts)
		warn("%s: %s", cli_command_path(), ends_with_container(b));
	return EXIT_OK;
}

/* What a name of tonistiigi/binfmt's stood for, said once. */
static void note_mapping(const struct image_removal *r)
{
	char entries[IMAGE_LIST_MAX * (BINFMT_NAME_MAX + 2)] = "";

	for (size_t i = 0, used = 0; i < r->entry_count; i++)
		used += (size_t)snprintf(entries + used, sizeof(entries) - used, "%s%s",
					 i ? " " : "", r->entries[i]);
	if (r->kind == IMAGE_NAME_QEMU)
		warn("%s: --uninstall %s: tonistiigi/binfmt's name for it; qbinfmt's entry is %s",
		     cli_command_path(), r->given, entries);
	else if (r->kind == IMAGE_NAME_PATTERN && r->entry_count)
		warn(
		    "%s: --uninstall %s: qbinfmt's entries it matches, by their names or qemu-TARGET: %s",
		    cli_command_path(), r->given, entries);
	else if (r->kind == IMAGE_NAME_PATTERN)
		warn("%s: --uninstall %s: matches none of qbinfmt's entries here",
		     cli_command_path(), r->given);
	if (r->foreign[0])
		warn(
		    "%s: --uninstall %s: %s, another tool's, stays (qbinfmt removes its own entries only)",
		    cli_command_path(), r->given, r->foreign);
}

static int uninstall(const struct global_options *global, const struct image_binfmt *b,
		     const char *list)
{
	static struct image_removal removals[IMAGE_LIST_MAX];
	static char entries[IMAGE_LIST_MAX][BINFMT_NAME_MAX + 1];
	char *names[IMAGE_LIST_MAX];
	struct table live;
	struct failure f;
	size_t count = 0;

	load(b, &live);
	int n = image_uninstall_list(list, &live, removals, &f);
	table_free(&live);
	if (n < 0)
		die_failure(&f);
	if (!b->lasts) {
		warn("%s: %s", cli_command_path(), ends_with_container(b));
		return EXIT_OK;
	}
	for (int i = 0; i < n; i++) {
		note_mapping(&removals[i]);
		for (size_t e = 0; e < removals[i].entry_count; e++) {
			bool seen = false;
			for (size_t k = 0; k < count; k++)
				seen |= !strcmp(entries[k], removals[i].entries[e]);
			if (seen || count == IMAGE_LIST_MAX)
				continue;
			snprintf(entries[count], sizeof(entries[0]), "%s", removals[i].entries[e]);
			names[count] = entries[count];
			count++;
		}
	}
	if (count == 0)
		return EXIT_OK;
	struct binfmt_target where = {.dir = b->dir, .own = true};
	return manage_entries(global, &where, ACTION_REMOVE, false, false, (int)count, names);
}

static int install(const struct global_options *global, const struct image_binfmt *b,
		   const struct selection *named, bool all)
{
	struct install_args args;
	struct selection sel;
	struct outcome_list rows;
	struct wired_target wired[64];
	struct failure f, nothing;

	if (!b->lasts)
		die(EXIT_FAILURE_FOUND, "%s: %s", cli_command_path(), ends_with_container(b));
	/* auto: native with a static qemu; F, so that the kernel holds qemu
	 * open for every container, none of which sees this one's files. */
	install_args_init(&args, WIRING_AUTO, PLACE_CONTAINER);
	wiring_options_globals(&args.wiring, global);
	args.wiring.flags |= ENTRY_FLAG_FIX_BINARY;
	outcome_list_init(&rows, "target", true);
	if (all && select_targets(true, 0, NULL, &sel, &f) < 0)
		die_failure(&f);
	if (!all) {
		/* A platform the host runs itself (amd64 here, in a list made
		 * for buildx) runs as it is: said, with install's reason, not
		 * refused. */
		memset(&sel, 0, sizeof(sel));
		for (size_t i = 0; i < named->count; i++) {
			const struct target *t = named->items[i];
			struct host_verdict v;
			host_judge(host_here(), t, &v);
			if (v.native) {
				outcome_set(outcome_add(&rows, t->name), "native", true, "%s",
					    v.why);
				continue;
			}
			sel.named[sel.count] = true;
			sel.items[sel.count++] = t;
		}
	}
	size_t n = wire_targets(&sel, &args.wiring, false, &rows, wired, &nothing);
	install_wired(b->dir, false, false, wired, n);
	outcome_print(&rows, global->json);
	int status = wired_status(&rows, &nothing);
	outcome_list_free(&rows);
	return status;
}

static int run(const void *globals, int argc, char **argv)
{
	const struct global_options *global = globals;
	struct image_args args = {NULL, NULL, false};
	struct image_binfmt b;
	struct selection named;
	struct failure f;
	bool all = false;

	int first = cli_parse(&image_command, argc, argv, take_option, &args);
	if (first <= 0)
		return cli_exit_status(first);
	if (first < argc)
		die(EXIT_USAGE, "image: unexpected argument '%s' (try 'qbinfmt image --help')",
		    argv[first]);
	if (args.version)
		return show_version(global);
	refuse_namespace_of(global, "the image acts on the binfmt_misc its container sees");
	if (global->dry_run)
		die(EXIT_USAGE,
		    "image: --dry-run is not for the image: qbinfmt export --format register --wiring native --fix-binary prints what it registers");
	/* Every name checked before anything is mounted or written. */
	if (args.install && image_install_list(args.install, &all, &named, &f) < 0)
		die_failure(&f);
	if (args.uninstall) {
		static struct image_removal check[IMAGE_LIST_MAX];
		struct table none;
		table_init(&none);
		if (image_uninstall_list(args.uninstall, &none, check, &f) < 0)
			die_failure(&f);
	}
	if (image_binfmt_open(global->binfmt_dir,
			      strcmp(global->binfmt_dir, BINFMT_DIR_DEFAULT) != 0, &b, &f) < 0)
		die_failure(&f);
	if (!args.install && !args.uninstall)
		return print_status(&b);
	/* tonistiigi/binfmt's order: what goes, then what comes. */
	int status = args.uninstall ? uninstall(global, &b, args.uninstall) : EXIT_OK;
	if (args.install) {
		int installed = install(global, &b, &named, all);
		if (installed > status)
			status = installed;
	}
	return status;
}
