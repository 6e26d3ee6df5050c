"""Publish version 1 of the consent to share a profile with Japanese employers.

Written to meet the information duties of Japan's APPI for provision to a third party
(Art. 27) and in a foreign country (Art. 28): it names the recipient country, describes its
data-protection regime and states the recipients' safeguards.
"""

from django.db import migrations
from django.utils import timezone

BODY_EN = """What you agree to
Kakehashi, run by Pakistan's Ministry of IT & Telecom, will show your candidate profile to Japanese companies that the ministry has verified and that recruit through this programme.

What they see, and when
Until you accept a company's request, they see a blind profile: your skills, experience, education, certifications, Japanese and English levels, city and salary expectation, without your name, contact details, CNIC, photo or exact age. Only when you accept a request from a specific company does that company see your full profile and CV.

Where your data goes: Japan
The recipients are companies in Japan. Japan protects personal information under the Act on the Protection of Personal Information (APPI), supervised by an independent authority, the Personal Information Protection Commission (PPC). The European Union recognises Japan's protection as adequate (2019). Under the APPI, the companies may use your data only for the purpose of recruiting you, must keep it secure, must not pass it to others without your consent, and must answer your requests to see, correct or stop using it.

The companies' safeguards
Every company agrees to the programme's terms before it can see any profile: use for recruitment only, access limited to its named recruiters and interviewers, deletion of your data when the recruitment ends unless you are hired, and no transfer to any other party. The ministry records every view of personal data and every transfer to Japan.

Your choice
Giving consent is voluntary. You can withdraw it at any time from your dashboard; from that moment no company sees your profile. What was already shared before you withdrew stays with the companies that received it, under the protections above."""

BODY_JA = """同意の内容
パキスタン情報技術・通信省が運営するKakehashi（架け橋）は、同省が確認し本プログラムを通じて採用を行う日本企業に、あなたの候補者プロフィールを提供します。

提供される情報と時期
企業からの開示依頼をあなたが承認するまでは、企業には匿名プロフィール（スキル、職歴、学歴、資格、日本語・英語のレベル、都市、希望年収）のみが表示され、氏名、連絡先、CNIC、写真、正確な年齢は表示されません。特定の企業からの依頼をあなたが承認した場合に限り、その企業に完全なプロフィールと履歴書が開示されます。

提供先の国：日本
提供先は日本国内の企業です。日本では、個人情報の保護に関する法律（個人情報保護法）により個人情報が保護され、独立機関である個人情報保護委員会が監督しています。欧州連合は日本の保護水準を十分と認めています（2019年）。同法に基づき、企業はあなたの情報を採用目的にのみ利用し、安全に管理し、あなたの同意なく第三者に提供してはならず、開示・訂正・利用停止の請求に応じなければなりません。

提供先企業の措置
各企業は、プロフィールを閲覧する前に本プログラムの規約に同意します。採用目的に限った利用、指名された採用担当者・面接官のみのアクセス、採用に至らなかった場合の採用活動終了時のデータ削除、他者への提供の禁止です。同省は、個人情報の閲覧と日本への提供をすべて記録します。

あなたの選択
同意は任意です。ダッシュボードからいつでも撤回でき、撤回した時点から企業はあなたのプロフィールを見られなくなります。撤回前にすでに提供された情報は、上記の保護のもとで提供先企業に残ります。"""

BODY_UR = """آپ کس بات سے اتفاق کرتے ہیں
پاکستان کی وزارتِ انفارمیشن ٹیکنالوجی و ٹیلی کمیونیکیشن کے زیرِ انتظام کاکے ہاشی (Kakehashi) آپ کا امیدوار پروفائل اُن جاپانی کمپنیوں کو دکھائے گا جن کی وزارت نے تصدیق کی ہے اور جو اس پروگرام کے ذریعے بھرتی کرتی ہیں۔

وہ کیا دیکھتے ہیں، اور کب
جب تک آپ کسی کمپنی کی درخواست قبول نہیں کرتے، وہ صرف گمنام پروفائل دیکھتی ہے: آپ کی مہارتیں، تجربہ، تعلیم، سرٹیفکیٹ، جاپانی اور انگریزی کی سطح، شہر اور متوقع تنخواہ — آپ کے نام، رابطے کی تفصیلات، شناختی کارڈ نمبر، تصویر یا درست عمر کے بغیر۔ صرف اُس کمپنی کو آپ کا مکمل پروفائل اور سی وی نظر آئے گا جس کی درخواست آپ قبول کریں۔

آپ کا ڈیٹا کہاں جاتا ہے: جاپان
وصول کنندگان جاپان کی کمپنیاں ہیں۔ جاپان میں ذاتی معلومات کا تحفظ "ایکٹ آن دی پروٹیکشن آف پرسنل انفارمیشن" (APPI) کے تحت ہوتا ہے، جس کی نگرانی ایک خودمختار ادارہ، پرسنل انفارمیشن پروٹیکشن کمیشن، کرتا ہے۔ یورپی یونین جاپان کے تحفظ کو کافی تسلیم کرتی ہے (2019)۔ اس قانون کے تحت کمپنیاں آپ کا ڈیٹا صرف آپ کی بھرتی کے لیے استعمال کر سکتی ہیں، اسے محفوظ رکھنے کی پابند ہیں، آپ کی رضامندی کے بغیر کسی اور کو نہیں دے سکتیں، اور آپ کی درخواست پر اسے دکھانے، درست کرنے یا اس کا استعمال روکنے کی پابند ہیں۔

کمپنیوں کے حفاظتی اقدامات
ہر کمپنی کوئی بھی پروفائل دیکھنے سے پہلے پروگرام کی شرائط قبول کرتی ہے: صرف بھرتی کے لیے استعمال، رسائی صرف نامزد بھرتی کاروں اور انٹرویو لینے والوں تک، بھرتی نہ ہونے کی صورت میں بھرتی مکمل ہونے پر آپ کا ڈیٹا حذف کرنا، اور کسی اور کو منتقلی نہیں۔ وزارت ذاتی ڈیٹا کے ہر معائنے اور جاپان کو ہر منتقلی کا ریکارڈ رکھتی ہے۔

آپ کا اختیار
رضامندی دینا آپ کی مرضی ہے۔ آپ اپنے ڈیش بورڈ سے کسی بھی وقت اسے واپس لے سکتے ہیں؛ اُسی لمحے سے کوئی کمپنی آپ کا پروفائل نہیں دیکھ سکے گی۔ واپسی سے پہلے جو معلومات دی جا چکی ہیں وہ اوپر بیان کردہ تحفظ کے تحت متعلقہ کمپنیوں کے پاس رہیں گی۔"""


def publish(apps, schema_editor):
    ConsentText = apps.get_model("candidates", "ConsentText")
    ConsentText.objects.get_or_create(
        purpose="share_jp_employers",
        version=1,
        defaults={
            "recipient_country": "JP",
            "body_en": BODY_EN,
            "body_ja": BODY_JA,
            "body_ur": BODY_UR,
            "published_at": timezone.now(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("candidates", "0001_initial")]
    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
