#!/bin/sh
# podman build with emulation from qbinfmt podman install: RUN steps in a
# foreign image, and one build mixing two architectures.
# timeout: 900
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/podman-lib.sh"
podman_account 2
podman_image arm64
podman_image s390x
as_user "$QBINFMT" podman install arm64 s390x > "$tmp/out" || fail "podman install: $(cat "$tmp/out")"

mkdir "$tmp/one" "$tmp/two"
cat > "$tmp/one/Containerfile" << 'EOF'
FROM localhost/deb-arm64
RUN uname -m > /built-on && dpkg --print-architecture >> /built-on
RUN for i in 1 2 3; do echo "step $i" >> /steps; done
EOF
chmod -R a+rX "$tmp/one" "$tmp/two"
user_podman build --quiet --arch arm64 -t localhost/built-arm64 "$tmp/one" > "$tmp/build.log" ||
	fail "podman build --arch arm64: $(cat "$tmp/build.log")"
user_podman run --rm --arch arm64 localhost/built-arm64 cat /built-on /steps > "$tmp/out"
printf 'aarch64\narm64\nstep 1\nstep 2\nstep 3\n' > "$tmp/want"
compare "$tmp/want" "$tmp/out"
echo "ok podman build --arch arm64 with RUN steps"

# Two stages, two architectures: s390x makes a file, arm64 takes it.
cat > "$tmp/two/Containerfile" << 'EOF'
FROM --platform=linux/s390x localhost/deb-s390x AS first
RUN uname -m > /from-first
FROM --platform=linux/arm64 localhost/deb-arm64
COPY --from=first /from-first /from-first
RUN uname -m > /from-second
EOF
chmod -R a+rX "$tmp/two"
user_podman build --quiet -t localhost/mixed "$tmp/two" > "$tmp/build.log" ||
	fail "multi-stage build: $(cat "$tmp/build.log")"
user_podman run --rm --arch arm64 localhost/mixed cat /from-first /from-second > "$tmp/out"
printf 's390x\naarch64\n' > "$tmp/want"
compare "$tmp/want" "$tmp/out"
echo "ok a multi-stage build of s390x and arm64 stages"
