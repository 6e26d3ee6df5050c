from django.db import migrations

TERMS_EN = """Terms of the Pakistan–Japan IT recruitment programme (Kakehashi), version 1

By accepting these terms, the company agrees, for itself and every member of its staff who uses Kakehashi:

1. Purpose. To use candidates' data only to recruit them for the jobs it posts in this programme, and for nothing else (no marketing, no sale, no other recruitment).
2. People. To let only its named recruiters and interviewers on Kakehashi see candidates' data, each with their own account; never to share an account.
3. No onward transfer. Not to pass candidates' data to any other party, in Japan or elsewhere, without the candidate's written consent, except to the Immigration Services Agency for a Certificate of Eligibility the candidate has agreed to.
4. Security. To keep downloaded CVs and profiles secure under Japan's Act on the Protection of Personal Information (APPI) and to report any leak to the ministry within 72 hours.
5. Deletion. To delete every candidate's data it holds outside Kakehashi when the recruitment ends, unless the candidate is hired.
6. Fair recruitment. To charge candidates no fee of any kind; to pay a hired candidate at least what a Japanese employee receives for the same work; to describe the job, salary and working conditions truthfully in every offer.
7. Records. To accept that the ministry records every view of personal data and every transfer to Japan, and may suspend a company that breaks these terms.
"""

TERMS_JA = """パキスタン・日本IT人材採用プログラム（架け橋）利用規約 第1版

本規約に同意することにより、企業は、自社および架け橋を利用するすべての従業員について、次のことに同意します。

1. 利用目的：候補者の情報を、本プログラムで掲載した求人への採用のためにのみ利用し、その他の目的（営業、販売、他の採用）には利用しないこと。
2. 利用者：候補者の情報を閲覧できるのは、架け橋に登録された自社の採用担当者と面接官のみとし、各自のアカウントを使用し、アカウントを共有しないこと。
3. 第三者提供の禁止：候補者の書面による同意なく、国内外のいかなる第三者にも候補者の情報を提供しないこと（候補者が同意した在留資格認定証明書の申請のための出入国在留管理庁への提出を除く）。
4. 安全管理：ダウンロードした履歴書やプロフィールを個人情報保護法に従って安全に管理し、漏えいがあった場合は72時間以内に省へ報告すること。
5. 削除：採用活動の終了時に、採用に至らなかった候補者の情報で架け橋の外に保存したものをすべて削除すること。
6. 公正な採用：候補者からいかなる手数料も徴収しないこと。採用した候補者に、同じ業務に従事する日本人と同等以上の報酬を支払うこと。すべての内定において職務、給与、労働条件を正確に示すこと。
7. 記録：省が個人情報の閲覧と日本への提供をすべて記録すること、また本規約に違反した企業の利用を停止できることを了承すること。
"""


def publish(apps, schema_editor):
    CompanyTerms = apps.get_model("employers", "CompanyTerms")
    CompanyTerms.objects.get_or_create(version=1, defaults={"body_en": TERMS_EN, "body_ja": TERMS_JA})


class Migration(migrations.Migration):
    dependencies = [("employers", "0004_company_terms")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
