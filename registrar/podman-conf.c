/* SPDX-License-Identifier: MIT */
#include "podman-conf.h"

#include "cleanup.h"
#include "files.h"
#include "podman-toml.h"
#include "table.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int podman_version_parse(const char *text, struct podman_version *v)
{
	const char *p = strstr(text, "version ");

	return p && sscanf(p + 8, "%d.%d", &v->major, &v->minor) == 2 ? 0 : -1;
}

bool podman_version_at_least(const struct podman_version *v, int major, int minor)
{
	return v->major > major || (v->major == major && v->minor >= minor);
}

static bool can_append(const struct podman_version *v)
{
	return podman_version_at_least(v, CONF_APPEND_SINCE_MAJOR, CONF_APPEND_SINCE_MINOR);
}

void conf_hooks_free(struct conf_hooks *h)
{
	for (size_t i = 0; i < h->count; i++)
		free(h->dirs[i]);
	h->count = 0;
}

bool conf_hooks_has(const struct conf_hooks *h, const char *dir)
{
	for (size_t i = 0; i < h->count; i++)
		if (!strcmp(h->dirs[i], dir))
			return true;
	return false;
}

static int add_dir(struct conf_hooks *h, const char *dir, const char *file, struct failure *f)
{
	if (h->count == CONF_MAX_HOOKS_DIRS)
		return fail(f, EXIT_INPUT, "%s: hooks_dir: more than %d folders", file,
			    CONF_MAX_HOOKS_DIRS);
	h->dirs[h->count] = strdup(dir);
	if (!h->dirs[h->count])
		return fail(f, EXIT_FAILURE_FOUND, "out of memory");
	h->count++;
	return 0;
}

/* hooks_dir of one file's tree into h, as containers/common's
 * attributedstring.Slice takes it: strings, and {append=BOOL}. */
static int take_hooks_dir(const struct toml_node *array, const char *file,
			  const struct podman_version *v, struct conf_hooks *h, struct failure *f)
{
	struct conf_hooks loaded = {.count = 0};

	if (array->kind != TOML_ARRAY)
		return fail(f, EXIT_INPUT, "%s:%d: hooks_dir is not an array of folders", file,
			    array->line);
	for (size_t i = 0; i < array->count; i++) {
		const struct toml_node *item = array->items[i];
		const struct toml_node *append = toml_get(item, "append");
		if (item->kind == TOML_STRING && strlen(item->text) == item->len) {
			if (add_dir(&loaded, item->text, file, f) < 0)
				goto failed;
		} else if (item->kind == TOML_TABLE && item->count == 1 && append &&
			   append->kind == TOML_BOOL && can_append(v)) {
			h->append = append->boolean;
		} else if (item->kind == TOML_TABLE && !can_append(v)) {
			fail(
			    f, EXIT_INPUT,
			    "%s:%d: hooks_dir holds a table, which podman %d.%d cannot read ({append=true} needs podman 4.8)",
			    file, item->line, v->major, v->minor);
			goto failed;
		} else {
			fail(f, EXIT_INPUT,
			     "%s:%d: hooks_dir holds something that is no folder name", file,
			     item->line);
			goto failed;
		}
	}
	if (!h->append)
		conf_hooks_free(h);
	for (size_t i = 0; i < loaded.count; i++) {
		if (add_dir(h, loaded.dirs[i], file, f) < 0)
			goto failed;
	}
	conf_hooks_free(&loaded);
	snprintf(h->set_by, sizeof(h->set_by), "%s", file);
	return 0;
failed:
	conf_hooks_free(&loaded);
	return -1;
}

/* One file, or text standing for it; missing is as good as empty when
 * podman skips it too (may_be_missing). */
static int read_one(const char *file, const char *text, bool may_be_missing,
		    const struct podman_version *v, struct conf_hooks *h, struct failure *f)
{
	_cleanup_free_ char *read = NULL;
	size_t len;
	struct toml_error err;

	if (!text) {
		int r = file_read_all(AT_FDCWD, file, &read, &len);
		/* /dev/null and other files that are not regular read as
		 * empty; podman skips folders. */
		if ((r == -ENOENT && may_be_missing) || r == -EINVAL || r == -EISDIR)
			return 0;
		if (r < 0)
			return fail_errno(f, EXIT_INPUT, -r,
					  "cannot read %s, which podman reads too", file);
		text = read;
	} else {
		len = strlen(text);
	}
	struct toml_node *root = toml_parse(text, len, &err);
	if (!root)
		return fail(f, EXIT_INPUT, "%s:%d: not TOML, so podman cannot read it either: %s",
			    file, err.line, err.message);
	const struct toml_node *engine = toml_get(root, "engine");
	const struct toml_node *hooks = toml_get(engine, "hooks_dir");
	int r = 0;
	if (engine && engine->kind != TOML_TABLE)
		r = fail(f, EXIT_INPUT, "%s:%d: engine is not a table", file, engine->line);
	else if (hooks)
		r = take_hooks_dir(hooks, file, v, h, f);
	toml_free(root);
	return r;
}

/* A containers.conf.d folder, by name, with qbinfmt's drop-in as asked. */
static int read_folder(const char *folder, const char *ours, enum conf_dropin dropin,
		       const char *dropin_text, const struct podman_version *v,
		       struct conf_hooks *h, struct failure *f)
{
	char **names = NULL;
	char path[PATH_MAX];
	int count = 0, r = 0;
	bool ours_done = !ours || dropin == CONF_DROPIN_LEFT_OUT;
	_cleanup_close_ int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0)
		count = dir_sorted_names(fd, table_is_conf_name, &names);
	else if (errno != ENOENT)
		return fail_errno(f, EXIT_INPUT, errno, "cannot read %s, which podman reads too",
				  folder);
	if (count < 0)
		return fail_errno(f, EXIT_INPUT, -count, "cannot read %s, which podman reads too",
				  folder);
	for (int i = 0; i <= count; i++) {
		const char *name = i < count ? names[i] : NULL;
		if (name && ours && !strcmp(name, ours))
			continue; /* read in its place below, as asked */
		/* Ours where its name sorts, whether it is there yet or not. */
		if (!ours_done && (!name || strcmp(ours, name) < 0)) {
			ours_done = true;
			if (!path_join(path, sizeof(path), folder, ours))
				r = fail(f, EXIT_INPUT, "%s: path too long", folder);
			else
				r = read_one(path, dropin == CONF_DROPIN_TEXT ? dropin_text : NULL,
					     true, v, h, f);
			if (r < 0)
				break;
		}
		if (!name)
			break;
		if (!path_join(path, sizeof(path), folder, name))
			r = fail(f, EXIT_INPUT, "%s: path too long", folder);
		else
			r = read_one(path, NULL, false, v, h, f);
		if (r < 0)
			break;
	}
	if (count > 0)
		dir_names_free(names, count);
	return r;
}

int conf_hooks_read(const struct conf_places *p, enum conf_dropin dropin, const char *dropin_text,
		    struct conf_hooks *out, struct failure *f)
{
	const struct podman_version *v = &p->version;
	int r;

	memset(out, 0, sizeof(*out));
	if (add_dir(out, CONF_DEFAULT_HOOKS_DIR, "", f) < 0)
		return -1;
	if (p->containers_conf) {
		r = read_one(p->containers_conf, NULL, false, v, out, f);
	} else {
		r = read_one(p->share_conf, NULL, true, v, out, f);
		if (r == 0)
			r = read_one(p->etc_conf, NULL, true, v, out, f);
		if (r == 0)
			r = read_folder(p->etc_dropins, NULL, dropin, NULL, v, out, f);
		if (r == 0)
			r = read_one(p->user_conf, NULL, true, v, out, f);
		if (r == 0)
			r = read_folder(p->user_dropins, p->dropin_name, dropin, dropin_text, v,
					out, f);
	}
	if (r == 0 && p->override_conf && podman_version_at_least(v, 4, 5))
		r = read_one(p->override_conf, NULL, false, v, out, f);
	if (r < 0)
		conf_hooks_free(out);
	return r;
}

/* A TOML basic string. */
static void toml_string(FILE *out, const char *text)
{
	fputc('"', out);
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(out, "\\%c", *c);
		else if (*c < 0x20 || *c == 0x7f)
			fprintf(out, "\\u%04x", *c);
		else
			fputc(*c, out);
	}
	fputc('"', out);
}

int conf_dropin_plan(const struct conf_places *p, char **text, struct failure *f)
{
	struct conf_hooks before, after;
	size_t size;
	FILE *out;

	*text = NULL;
	if (conf_hooks_read(p, CONF_DROPIN_LEFT_OUT, NULL, &before, f) < 0)
		return -1;
	out = open_memstream(text, &size);
	if (!out) {
		conf_hooks_free(&before);
		return fail(f, EXIT_FAILURE_FOUND, "out of memory");
	}
	fprintf(out,
		"# Written by qbinfmt podman install; qbinfmt podman remove --all takes it\n"
		"# back.  It adds %s, whose qbinfmt.json registers\n"
		"# emulation in podman's user namespace whenever that is made anew,\n",
		p->hooks_dir);
	if (can_append(&p->version)) {
		fputs("# to the folders podman reads hooks from.\n[engine]\nhooks_dir = [", out);
		toml_string(out, p->hooks_dir);
		fputs(", {append=true}]\n", out);
	} else {
		/* No appending before podman 4.8: the list as podman has it
		 * without us, then ours; podman status says when a file
		 * changes it later. */
		fputs("# to the folders podman read hooks from when it was written.\n"
		      "[engine]\nhooks_dir = [",
		      out);
		for (size_t i = 0; i < before.count; i++) {
			if (strcmp(before.dirs[i], p->hooks_dir) != 0) {
				toml_string(out, before.dirs[i]);
				fputs(", ", out);
			}
		}
		toml_string(out, p->hooks_dir);
		fputs("]\n", out);
	}
	conf_hooks_free(&before);
	if (fclose(out) != 0)
		return fail(f, EXIT_FAILURE_FOUND, "out of memory");
	if (conf_hooks_read(p, CONF_DROPIN_TEXT, *text, &after, f) < 0)
		goto refused;
	bool read = conf_hooks_has(&after, p->hooks_dir);
	conf_hooks_free(&after);
	if (read)
		return 0;
	if (p->containers_conf)
		fail(
		    f, EXIT_FAILURE_FOUND,
		    "CONTAINERS_CONF is set, so podman reads %s alone, and its hooks_dir leaves out %s: the hook would never run (add the folder to that hooks_dir, or unset CONTAINERS_CONF)",
		    p->containers_conf, p->hooks_dir);
	else
		fail(
		    f, EXIT_FAILURE_FOUND,
		    "podman reads %s after %s/%s, and its hooks_dir leaves out %s: the hook would never run (add the folder there)",
		    after.set_by, p->user_dropins, p->dropin_name, p->hooks_dir);
refused:
	free(*text);
	*text = NULL;
	return -1;
}
