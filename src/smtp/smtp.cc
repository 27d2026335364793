#include "smtp/smtp.h"

#include <algorithm>
#include <cstring>
#include <curl/curl.h>
#include <memory>

namespace o2c {
namespace {

struct Upload {
  std::string_view rest;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t taken = std::min(room, upload->rest.size());
  std::memcpy(buffer, upload->rest.data(), taken);
  upload->rest.remove_prefix(taken);
  return taken;
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::string bracketed(std::string_view address) { return "<" + std::string(address) + ">"; }

}  // namespace

Status send_smtp(const SmtpSettings& settings, std::span<const std::string> recipients,
                 std::string_view message) {
  O2C_ASSERT(!recipients.empty());
  O2C_ASSERT(!message.empty());
  std::unique_ptr<CURL, EasyDeleter> handle(curl_easy_init());
  if (!handle) return internal_error("curl_init_failed", "libcurl could not start a transfer");
  std::unique_ptr<curl_slist, ListDeleter> to;
  for (const std::string& recipient : recipients) {
    curl_slist* grown = curl_slist_append(to.get(), bracketed(recipient).c_str());
    if (grown == nullptr) return internal_error("out_of_memory", "libcurl: out of memory");
    to.release();
    to.reset(grown);
  }
  Upload upload{message};
  char error_text[CURL_ERROR_SIZE] = {};
  const std::string from = bracketed(settings.from);
  CURL* curl = handle.get();
  curl_easy_setopt(curl, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, to.get());
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) return {};
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  std::string what = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
  if (reply != 0) what = "server replied " + std::to_string(reply) + ": " + what;
  what = "SMTP " + settings.url + ": " + what;
  if (reply >= 500 && reply < 600) return failed_precondition("smtp_rejected", what);
  return unavailable("smtp_unavailable", what);
}

}  // namespace o2c
