/* SPDX-License-Identifier: MIT */
/* registrar/podman-conf.c: hooks_dir as podman would read it from a tree
 * of containers.conf files, and the drop-in qbinfmt writes into it. */
#include "registrar/podman-conf.h"

#include "unit-files.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/stat.h>

#include <cmocka.h>

static char root[PATH_MAX / 2], share[PATH_MAX], etc[PATH_MAX], etc_d[PATH_MAX], user[PATH_MAX],
    user_d[PATH_MAX], hooks[PATH_MAX], other[PATH_MAX];

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "%s", unit_tmpdir());
	snprintf(share, sizeof(share), "%s/share.conf", root);
	snprintf(etc, sizeof(etc), "%s/etc.conf", root);
	snprintf(etc_d, sizeof(etc_d), "%s/etc.conf.d", root);
	snprintf(user, sizeof(user), "%s/user.conf", root);
	snprintf(user_d, sizeof(user_d), "%s/user.conf.d", root);
	snprintf(hooks, sizeof(hooks), "%s/hooks.d", root);
	snprintf(other, sizeof(other), "%s/other.conf", root);
	mkdir(etc_d, 0755);
	mkdir(user_d, 0755);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_remove_tree(root);
	return 0;
}

static struct conf_places places(int major, int minor)
{
	return (struct conf_places){share, etc,	 etc_d, user,	       user_d, "99-qbinfmt.conf",
				    NULL,  NULL, hooks, {major, minor}};
}

static void assert_dirs(const struct conf_places *p, const char *want)
{
	struct conf_hooks h;
	struct failure f;
	char got[4096] = "";

	assert_int_equal(conf_hooks_read(p, CONF_DROPIN_AS_IS, NULL, &h, &f), 0);
	for (size_t i = 0; i < h.count; i++) {
		strcat(got, i ? " " : "");
		strcat(got, h.dirs[i]);
	}
	conf_hooks_free(&h);
	assert_string_equal(got, want);
}

static void test_conf_hooks_default_then_each_file_replaces(void **state)
{
	struct conf_places p = places(4, 3);

	(void)state;
	assert_dirs(&p, CONF_DEFAULT_HOOKS_DIR);
	unit_write(root, "etc.conf", "[engine]\nhooks_dir = [\"/etc-hooks\"]\n");
	assert_dirs(&p, "/etc-hooks");
	/* A drop-in of /etc, then the user's file, by the order podman reads. */
	unit_write(etc_d, "10-a.conf", "[engine]\nhooks_dir = [\"/a\", \"/b\"]\n");
	assert_dirs(&p, "/a /b");
	unit_write(root, "user.conf",
		   "[engine]\nhooks_dir = [\n  \"/u\", # isn't\n  # \"/x\",\n]\n");
	assert_dirs(&p, "/u");
	unlink(user);
	unlink(etc);
	unlink(unit_path(etc_d, "10-a.conf"));
}

static void test_conf_hooks_append_holds_for_later_files(void **state)
{
	struct conf_places p = places(5, 4);
	struct conf_hooks h;
	struct failure f;

	(void)state;
	unit_write(etc_d, "10-a.conf", "[engine]\nhooks_dir = [\"/a\", {append=true}]\n");
	unit_write(user_d, "50-b.conf", "[engine]\nhooks_dir = [\"/b\"]\n");
	assert_dirs(&p, CONF_DEFAULT_HOOKS_DIR " /a /b");
	/* Podman before 4.8 cannot read the attribute at all. */
	p = places(4, 3);
	assert_int_equal(conf_hooks_read(&p, CONF_DROPIN_AS_IS, NULL, &h, &f), -1);
	assert_int_equal(f.status, EXIT_INPUT);
	assert_non_null(strstr(
	    f.why,
	    "10-a.conf:2: hooks_dir holds a table, which podman 4.3 cannot read ({append=true} needs podman 4.8)"));
	unlink(unit_path(etc_d, "10-a.conf"));
	unlink(unit_path(user_d, "50-b.conf"));
}

static void test_conf_hooks_containers_conf_alone_and_override_last(void **state)
{
	struct conf_places p = places(4, 5);

	(void)state;
	unit_write(root, "etc.conf", "[engine]\nhooks_dir = [\"/etc-hooks\"]\n");
	unit_write(root, "other.conf", "[engine]\nhooks_dir = [\"/other\"]\n");
	p.containers_conf = other;
	assert_dirs(&p, "/other");
	p.containers_conf = NULL;
	p.override_conf = other;
	assert_dirs(&p, "/other");
	/* CONTAINERS_CONF_OVERRIDE came with podman 4.5. */
	p.version.minor = 4;
	assert_dirs(&p, "/etc-hooks");
	unlink(etc);
	unlink(other);
}

static void test_conf_not_toml_names_file_and_line(void **state)
{
	struct conf_places p = places(4, 3);
	struct conf_hooks h;
	struct failure f;
	char want[PATH_MAX + 100];

	(void)state;
	unit_write(user_d, "10-bad.conf", "[engine]\nhooks_dir = [\"/a\"\n\"/b\"]\n");
	assert_int_equal(conf_hooks_read(&p, CONF_DROPIN_AS_IS, NULL, &h, &f), -1);
	snprintf(
	    want, sizeof(want),
	    "%s/10-bad.conf:3: not TOML, so podman cannot read it either: expected , or ] in an array",
	    user_d);
	assert_string_equal(f.why, want);
	unlink(unit_path(user_d, "10-bad.conf"));
}

static void test_conf_dropin_plan_appends_or_repeats_by_version(void **state)
{
	struct conf_places p = places(5, 4);
	struct failure f;
	char *text;
	char want[2 * PATH_MAX];

	(void)state;
	unit_write(root, "etc.conf", "[engine]\nhooks_dir = [\"/etc-hooks\", \"/x\\\"y\"]\n");
	assert_int_equal(conf_dropin_plan(&p, &text, &f), 0);
	snprintf(want, sizeof(want), "[engine]\nhooks_dir = [\"%s\", {append=true}]\n", hooks);
	assert_non_null(strstr(text, want));
	free(text);
	p = places(4, 3);
	assert_int_equal(conf_dropin_plan(&p, &text, &f), 0);
	snprintf(want, sizeof(want),
		 "[engine]\nhooks_dir = [\"/etc-hooks\", \"/x\\\"y\", \"%s\"]\n", hooks);
	assert_non_null(strstr(text, want));
	free(text);
	unlink(etc);
}

static void test_conf_dropin_plan_refuses_when_podman_would_not_read_it(void **state)
{
	struct conf_places p = places(4, 3);
	struct failure f;
	char *text, want[3 * PATH_MAX];

	(void)state;
	/* A drop-in read after ours sets the list again. */
	unit_write(user_d, "99-zz.conf", "[engine]\nhooks_dir = [\"/zz\"]\n");
	assert_int_equal(conf_dropin_plan(&p, &text, &f), -1);
	assert_null(text);
	assert_true(
	    snprintf(
		want, sizeof(want),
		"podman reads %s/99-zz.conf after %s/99-qbinfmt.conf, and its hooks_dir leaves out %s: the hook would never run (add the folder there)",
		user_d, user_d, hooks) < (int)sizeof(want));
	assert_string_equal(f.why, want);
	unlink(unit_path(user_d, "99-zz.conf"));
	/* CONTAINERS_CONF: podman reads that file alone. */
	unit_write(root, "other.conf", "[engine]\nruntime = \"runc\"\n");
	p.containers_conf = other;
	assert_int_equal(conf_dropin_plan(&p, &text, &f), -1);
	snprintf(
	    want, sizeof(want),
	    "CONTAINERS_CONF is set, so podman reads %s alone, and its hooks_dir leaves out %s: the hook would never run (add the folder to that hooks_dir, or unset CONTAINERS_CONF)",
	    other, hooks);
	assert_string_equal(f.why, want);
	/* One that lists it. */
	snprintf(want, sizeof(want), "[engine]\nhooks_dir = [\"%s\"]\n", hooks);
	unit_write(root, "other.conf", want);
	assert_int_equal(conf_dropin_plan(&p, &text, &f), 0);
	free(text);
	unlink(other);
}

static void test_podman_version_parse(void **state)
{
	struct podman_version v;

	(void)state;
	assert_int_equal(podman_version_parse("podman version 4.3.1", &v), 0);
	assert_int_equal(v.major, 4);
	assert_int_equal(v.minor, 3);
	assert_int_equal(podman_version_parse("podman version 5.4.2-dev", &v), 0);
	assert_true(podman_version_at_least(&v, 4, 8));
	assert_int_equal(podman_version_parse("podman", &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_conf_hooks_default_then_each_file_replaces),
	    cmocka_unit_test(test_conf_hooks_append_holds_for_later_files),
	    cmocka_unit_test(test_conf_hooks_containers_conf_alone_and_override_last),
	    cmocka_unit_test(test_conf_not_toml_names_file_and_line),
	    cmocka_unit_test(test_conf_dropin_plan_appends_or_repeats_by_version),
	    cmocka_unit_test(test_conf_dropin_plan_refuses_when_podman_would_not_read_it),
	    cmocka_unit_test(test_podman_version_parse),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
