// The portable build only (-DLESSONLINT_PORTABLE=ON): Debian ships no static
// GSSAPI (Kerberos) library, and libgit2.a refers to these nine symbols for
// HTTP "Negotiate" authentication. lessonlint never talks to a remote, so
// that code never runs; these stand-ins let the binary link without
// libgssapi_krb5.so and fail the way GSSAPI fails (GSS_S_FAILURE) if it ever
// did run. The signatures are those of RFC 2744 (C linkage checks names only).
#include <cstdint>

extern "C" {

using OM_uint32 = std::uint32_t;
constexpr OM_uint32 kFailure = 13u << 16;  // GSS_S_FAILURE

void* GSS_C_NT_HOSTBASED_SERVICE = nullptr;

OM_uint32 gss_delete_sec_context(OM_uint32* minor, void**, void*) {
  if (minor) *minor = 0;
  return kFailure;
}
OM_uint32 gss_display_status(OM_uint32* minor, OM_uint32, int, void*, OM_uint32* context, void*) {
  if (minor) *minor = 0;
  if (context) *context = 0;
  return kFailure;
}
OM_uint32 gss_import_name(OM_uint32* minor, void*, void*, void**) {
  if (minor) *minor = 0;
  return kFailure;
}
OM_uint32 gss_indicate_mechs(OM_uint32* minor, void**) {
  if (minor) *minor = 0;
  return kFailure;
}
OM_uint32 gss_init_sec_context(OM_uint32* minor, void*, void**, void*, void*, OM_uint32, OM_uint32, void*, void*,
                               void**, void*, OM_uint32*, OM_uint32*) {
  if (minor) *minor = 0;
  return kFailure;
}
OM_uint32 gss_release_buffer(OM_uint32* minor, void*) {
  if (minor) *minor = 0;
  return 0;
}
OM_uint32 gss_release_name(OM_uint32* minor, void**) {
  if (minor) *minor = 0;
  return 0;
}
OM_uint32 gss_release_oid_set(OM_uint32* minor, void**) {
  if (minor) *minor = 0;
  return 0;
}

}  // extern "C"
