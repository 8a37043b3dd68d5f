/* SPDX-License-Identifier: MIT */
#include "podman.h"

#include "cleanup.h"
#include "kernel.h"
#include "export-format.h"
#include "files.h"
#include "json.h"
#include "namespace.h"
#include "registrar.h"
#include "subid.h"
#include "targets.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ENTRIES_NAME "podman.conf"
#define HOOK_NAME    "qbinfmt.json"
#define DROPIN_NAME  "99-qbinfmt.conf"

/* Where podman reads OCI hooks from when nothing says otherwise
 * (containers.conf(5), hooks_dir, for rootless users). */
#define DEFAULT_HOOKS_DIR "/usr/share/containers/oci/hooks.d"

bool podman_inside(void)
{
	const char *configured = getenv("_CONTAINERS_USERNS_CONFIGURED");

	return configured && !strcmp(configured, "done") && !namespace_is_initial();
}

/* The first podman on PATH: the user's podman, as their shell finds it. */
static bool find_podman(char *out, size_t size)
{
	const char *path = getenv("PATH");

	for (const char *p = path && *path ? path : "/usr/local/bin:/usr/bin:/bin"; *p;) {
		size_t len = strcspn(p, ":");
		if (len > 0 && snprintf(out, size, "%.*s/podman", (int)len, p) < (int)size &&
		    access(out, X_OK) == 0)
			return true;
		p += len;
		if (*p == ':')
			p++;
	}
	return false;
}

int podman_run_inside(char **command_line, struct failure *f)
{
	char podman[PATH_MAX], self[PATH_MAX];
	struct id_range range;

	if (geteuid() == 0 && namespace_is_initial())
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "run as root, podman is rootful: its containers use the host's binfmt_misc (qbinfmt install --wiring native --fix-binary TARGET... registers there)");
	if (!kernel_has(KERNEL_PRIVATE_BINFMT))
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "needs Linux %s or later, which gives podman's user namespace a binfmt_misc of its own (this is %s)",
		    kernel_feature_version(KERNEL_PRIVATE_BINFMT), kernel_release());
	struct passwd *pw = getpwuid(getuid());
	const char *name = pw ? pw->pw_name : NULL;
	struct subid_bad_line bad;
	int found = subid_find("/etc/subuid", name, getuid(), &range, &bad);
	if (found == -EBADMSG)
		return fail(f, EXIT_FAILURE_FOUND, "/etc/subuid:%d: not NAME:START:COUNT: \"%s\"",
			    bad.line, bad.text);
	if (found < 0)
		return fail(
		    f, EXIT_FAILURE_FOUND,
		    "no subordinate ids for %s in /etc/subuid: rootless podman needs a range (as root: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 %s)",
		    name ? name : "you", name ? name : "USER");
	if (!find_podman(podman, sizeof(podman)))
		return fail(f, EXIT_FAILURE_FOUND,
			    "podman is not installed (Debian: apt install podman)");
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return fail_errno(f, EXIT_FAILURE_FOUND, errno, "/proc/self/exe");
	self[n] = '\0';

	size_t count = 0;
	while (command_line[count])
		count++;
	char **inner = calloc(count + 3, sizeof(*inner));
	if (!inner)
		return fail(f, EXIT_FAILURE_FOUND, "out of memory");
	inner[0] = (char *)"podman";
	inner[1] = (char *)"unshare";
	inner[2] = self;
	for (size_t i = 1; i < count; i++)
		inner[i + 2] = command_line[i];
	/* The instance seen from here, so that the qbinfmt inside can tell
	 * it from podman's own. */
	namespace_export_outer_binfmt();
	fflush(stdout);
	execv(podman, inner);
	int error = errno;
	free(inner);
	return fail_errno(f, EXIT_FAILURE_FOUND, error, "cannot run %s unshare", podman);
}

static int config_home(char *out, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		return snprintf(out, size, "%s", xdg) < (int)size ? 0 : -1;
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || home[0] != '/')
		return -1;
	return snprintf(out, size, "%s/.config", home) < (int)size ? 0 : -1;
}

int podman_files_locate(struct podman_files *f, char *why, size_t why_size)
{
	char config[PATH_MAX - 64];

	memset(f, 0, sizeof(*f));
	if (config_home(config, sizeof(config)) < 0) {
		snprintf(why, why_size,
			 "no home folder to keep podman's settings in (HOME is unset)");
		return -1;
	}
	snprintf(f->entries_dir, sizeof(f->entries_dir), "%s/qbinfmt", config);
	snprintf(f->entries, sizeof(f->entries), "%s/%s", f->entries_dir, ENTRIES_NAME);
	snprintf(f->hooks_dir, sizeof(f->hooks_dir), "%s/containers/hooks.d", config);
	snprintf(f->hook, sizeof(f->hook), "%s/%s", f->hooks_dir, HOOK_NAME);
	snprintf(f->dropin_dir, sizeof(f->dropin_dir), "%s/containers/containers.conf.d", config);
	snprintf(f->dropin, sizeof(f->dropin), "%s/%s", f->dropin_dir, DROPIN_NAME);
	snprintf(f->user_conf, sizeof(f->user_conf), "%s/containers/containers.conf", config);
	return 0;
}

/* hooks_dir = ["a", 'b', ...] in a containers.conf: the folders, into
 * dirs (NUL-separated, at most `size` bytes).  Only what podman itself
 * would read: the key in the [engine] table, strings in TOML's two
 * quotings.  Returns whether the file sets it. */
static bool read_hooks_dir(const char *path, char *dirs, size_t size, size_t *used)
{
	_cleanup_free_ char *text = NULL;
	size_t len;
	bool engine = false, found = false;

	if (file_read_all(AT_FDCWD, path, &text, &len) < 0)
		return false;
	for (char *line = text; line && *line;) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line += strspn(line, " \t");
		if (line[0] == '[')
			engine = !strncmp(line, "[engine]", 8);
		else if (engine && !strncmp(line, "hooks_dir", 9)) {
			char *p = line + 9;
			p += strspn(p, " \t");
			if (*p != '=')
				goto next_line;
			found = true;
			*used = 0;
			/* The array may go on over several lines. */
			for (;;) {
				char *q = strpbrk(p, "\"']");
				if (!q) {
					if (!next)
						break;
					p = next;
					next = strchr(p, '\n');
					if (next)
						*next++ = '\0';
					continue;
				}
				if (*q == ']')
					break;
				char *end = strchr(q + 1, *q);
				if (!end)
					break;
				size_t n = (size_t)(end - q - 1);
				if (*used + n + 1 <= size) {
					memcpy(dirs + *used, q + 1, n);
					dirs[*used + n] = '\0';
					*used += n + 1;
				}
				p = end + 1;
			}
		}
	next_line:
		line = next;
	}
	return found;
}

/* The hooks_dir podman ends up with without ours: the last of its
 * configuration files that sets it (containers.conf(5): the system's,
 * then the user's, each followed by its drop-in folder, by name). */
static void effective_hooks_dirs(const struct podman_files *f, bool with_ours, char *dirs,
				 size_t size, size_t *used)
{
	const char *files[] = {"/usr/share/containers/containers.conf",
			       "/etc/containers/containers.conf", f->user_conf};
	const char *folders[] = {NULL, "/etc/containers/containers.conf.d", f->dropin_dir};

	snprintf(dirs, size, "%s", DEFAULT_HOOKS_DIR);
	*used = strlen(DEFAULT_HOOKS_DIR) + 1;
	for (size_t i = 0; i < 3; i++) {
		read_hooks_dir(files[i], dirs, size, used);
		if (!folders[i])
			continue;
		char **names;
		_cleanup_close_ int fd = open(folders[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		int n = fd < 0 ? -1 : dir_sorted_names(fd, table_is_conf_name, &names);
		for (int k = 0; k < n; k++) {
			char path[PATH_MAX];
			if ((with_ours || strcmp(names[k], DROPIN_NAME) != 0) &&
			    path_join(path, sizeof(path), folders[i], names[k]))
				read_hooks_dir(path, dirs, size, used);
		}
		if (n > 0)
			dir_names_free(names, n);
	}
}

static bool listed(const char *dirs, size_t used, const char *dir)
{
	for (size_t at = 0; at < used; at += strlen(dirs + at) + 1)
		if (!strcmp(dirs + at, dir))
			return true;
	return false;
}

/* A TOML basic string. */
static void toml_string(FILE *out, const char *text)
{
	fputc('"', out);
	for (const char *p = text; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

static int write_dropin(const struct podman_files *f, char *why, size_t why_size)
{
	char dirs[8192];
	size_t used;
	_cleanup_free_ char *text = NULL;
	size_t text_size;
	FILE *out = open_memstream(&text, &text_size);

	if (!out) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	effective_hooks_dirs(f, false, dirs, sizeof(dirs), &used);
	fprintf(out,
		"# Written by qbinfmt podman install; qbinfmt podman remove --all takes it\n"
		"# back.  The folders podman read hooks from before, and %s,\n"
		"# whose qbinfmt.json registers emulation in podman's user namespace\n"
		"# whenever that is made anew.\n"
		"[engine]\nhooks_dir = [",
		f->hooks_dir);
	for (size_t at = 0; at < used; at += strlen(dirs + at) + 1) {
		if (!strcmp(dirs + at, f->hooks_dir))
			continue;
		toml_string(out, dirs + at);
		fputs(", ", out);
	}
	toml_string(out, f->hooks_dir);
	fputs("]\n", out);
	if (fclose(out) != 0) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	int r = dir_make_all(f->dropin_dir, 0755);
	if (r == 0)
		r = export_write_atomic(f->dropin_dir, DROPIN_NAME, text);
	if (r < 0) {
		snprintf(why, why_size, "cannot write %s: %s", f->dropin, strerror(-r));
		return -1;
	}
	return 0;
}

static int write_hook(const struct podman_files *f, char *why, size_t why_size)
{
	char self[PATH_MAX];
	_cleanup_free_ char *text = NULL;
	size_t text_size;
	struct json j;

	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0) {
		snprintf(why, why_size, "cannot tell where this qbinfmt is: %s", strerror(errno));
		return -1;
	}
	self[n] = '\0';
	FILE *out = open_memstream(&text, &text_size);
	if (!out) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	/* oci-hooks(5), version 1.0.0: precreate hooks get the container's
	 * configuration on stdin and print it, possibly changed, on stdout. */
	json_start(&j, out);
	json_object_open(&j);
	json_field_string(&j, "version", "1.0.0");
	json_key(&j, "hook");
	json_object_open(&j);
	json_field_string(&j, "path", self);
	json_key(&j, "args");
	json_array_open(&j);
	json_string(&j, "qbinfmt");
	json_string(&j, "podman");
	json_string(&j, "hook");
	json_string(&j, f->entries);
	json_array_close(&j);
	json_object_close(&j);
	json_key(&j, "when");
	json_object_open(&j);
	json_field_bool(&j, "always", true);
	json_object_close(&j);
	json_key(&j, "stages");
	json_array_open(&j);
	json_string(&j, "precreate");
	json_array_close(&j);
	json_object_close(&j);
	json_finish(&j);
	if (fclose(out) != 0) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	int r = dir_make_all(f->hooks_dir, 0755);
	if (r == 0)
		r = export_write_atomic(f->hooks_dir, HOOK_NAME, text);
	if (r < 0) {
		snprintf(why, why_size, "cannot write %s: %s", f->hook, strerror(-r));
		return -1;
	}
	return 0;
}

static int remove_file(const char *path, char *why, size_t why_size)
{
	if (unlink(path) < 0 && errno != ENOENT) {
		snprintf(why, why_size, "cannot remove %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int podman_recorded(const struct podman_files *f, struct table *t)
{
	int r = table_load(t, f->entries, TABLE_REGISTER);

	return r == -ENOENT ? 0 : r;
}

int podman_persist(const struct podman_files *f, const struct table *live, char *why,
		   size_t why_size)
{
	_cleanup_free_ char *text = NULL;
	size_t text_size, recorded = 0;
	FILE *out = open_memstream(&text, &text_size);

	if (!out) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	fprintf(out, "# Written by qbinfmt podman install: what qbinfmt podman hook registers in\n"
		     "# podman's user namespace when it is missing there (binfmt.d lines).\n");
	for (size_t i = 0; i < live->count; i++) {
		const struct binfmt_entry *e = &live->items[i].entry;
		char line[BINFMT_REGISTER_MAX + 1];
		if (!registrar_owns(e->name) || entry_format(e, line, sizeof(line)) < 0)
			continue;
		fprintf(out, "%s\n", line);
		recorded++;
	}
	if (fclose(out) != 0) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	if (recorded == 0) {
		/* Nothing of ours left: the hook, its folder's listing and the
		 * record go, hooks.d itself stays (it may hold other hooks). */
		if (remove_file(f->hook, why, why_size) < 0 ||
		    remove_file(f->dropin, why, why_size) < 0 ||
		    remove_file(f->entries, why, why_size) < 0)
			return -1;
		return 0;
	}
	int r = dir_make_all(f->entries_dir, 0755);
	if (r == 0)
		r = export_write_atomic(f->entries_dir, ENTRIES_NAME, text);
	if (r < 0) {
		snprintf(why, why_size, "cannot write %s: %s", f->entries, strerror(-r));
		return -1;
	}
	if (write_hook(f, why, why_size) < 0 || write_dropin(f, why, why_size) < 0)
		return -1;
	return 0;
}

void podman_setup_state(const struct podman_files *f, struct podman_setup *s)
{
	struct table recorded;
	char self[PATH_MAX], dirs[8192];
	size_t used;
	_cleanup_free_ char *hook = NULL;
	size_t len;

	memset(s, 0, sizeof(*s));
	table_init(&recorded);
	if (table_load(&recorded, f->entries, TABLE_REGISTER) == 0)
		s->recorded = recorded.count;
	table_free(&recorded);
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0 && file_read_all(AT_FDCWD, f->hook, &hook, &len) == 0) {
		self[n] = '\0';
		s->hook = strstr(hook, "\"precreate\"") && strstr(hook, f->entries);
	}
	effective_hooks_dirs(f, true, dirs, sizeof(dirs), &used);
	s->hooks_dir = listed(dirs, used, f->hooks_dir);
	s->containers_conf = getenv("CONTAINERS_CONF") != NULL;
}
