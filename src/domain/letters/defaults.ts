import type { LetterLanguage, LetterTemplateKey } from '../../contracts/letters.js';
import type { TemplateText } from './languages.js';

/*
 * The letter texts that ship with Bleibe, for every template and language. Organisations may
 * replace any of them with their own wording (letter_templates). Format: paragraphs separated by
 * a blank line; a single line break is kept as a line break (Leichte Sprache: one statement per
 * line). Placeholders: see placeholders.ts.
 *
 * Tone: polite, formal address (Sie / you / siz / Ви, and the respectful plural in Arabic, which
 * also avoids guessing anybody's gender), no legal threats, the offer first. The Arabic texts
 * avoid brackets: mirrored brackets would extract from the PDF as their mirror image.
 */
export const DEFAULT_TEXTS: Record<LetterTemplateKey, Record<LetterLanguage, TemplateText>> = {
  first_contact: {
    de: {
      subject: 'Unser Angebot: Wir helfen Ihnen, Ihre Wohnung zu behalten',
      body: `Guten Tag {{recipient}},

wir sind die Beratungsstelle {{office}} von {{organisation}}. Wir haben erfahren, dass Ihre Wohnung gefährdet sein könnte, zum Beispiel wegen Mietschulden oder einer Kündigung.

Wir möchten Ihnen helfen, Ihre Wohnung zu behalten. Unsere Beratung ist kostenlos und vertraulich. Gemeinsam können wir klären, ob das Jobcenter oder das Sozialamt Mietschulden übernimmt, und mit Ihrer Vermieterin oder Ihrem Vermieter sprechen.

Bitte melden Sie sich möglichst bald bei uns, denn es gibt Fristen, die wir gemeinsam einhalten müssen. Sie erreichen mich telefonisch unter {{caseworkerPhone}} oder per E-Mail an {{caseworkerEmail}}. Sie können auch ohne Termin in unsere Sprechzeiten kommen; Zeiten und Adresse finden Sie unten.

Bitte bringen Sie, wenn vorhanden, Ihren Mietvertrag, die Kündigung, Post vom Gericht und Ihren letzten Leistungsbescheid mit.

Mit freundlichen Grüßen
{{caseworker}}`,
    },
    de_easy: {
      subject: 'Wir können Ihnen helfen. Es geht um Ihre Wohnung.',
      body: `Guten Tag {{recipient}},

wir sind eine Beratungs-Stelle.
Wir helfen Menschen, die ihre Wohnung verlieren können.
Wir haben gehört:
Es gibt ein Problem mit Ihrer Wohnung.
Vielleicht haben Sie Miet-Schulden.
Oder Sie haben eine Kündigung bekommen.

Wir möchten Ihnen helfen.
Die Hilfe kostet nichts.
Wir sagen niemandem etwas ohne Ihre Erlaubnis.

Bitte melden Sie sich schnell bei uns.
Es gibt Fristen.
Eine Frist ist ein letzter Tag.
Danach ist es oft zu spät.

Sie können uns anrufen: {{caseworkerPhone}}
Sie können uns eine E-Mail schreiben: {{caseworkerEmail}}
Sie können auch zu uns kommen.
Unsere Adresse und unsere Zeiten stehen unten.

Bitte bringen Sie mit:
• Ihren Miet-Vertrag
• die Kündigung
• Briefe vom Gericht

Viele Grüße
{{caseworker}}`,
    },
    en: {
      subject: 'We can help you keep your home',
      body: `Dear {{recipient}},

We are the advice centre {{office}} run by {{organisation}}. We have been informed that you may be at risk of losing your home, for example because of rent arrears or a notice of termination.

We would like to help you keep your home. Our advice is free of charge and confidential. Together we can find out whether the Jobcenter or the social welfare office will cover the rent arrears, and we can talk to your landlord.

Please contact us as soon as possible, as there are legal deadlines that we need to meet together. You can reach me by phone on {{caseworkerPhone}} or by e-mail at {{caseworkerEmail}}. You are also welcome to come to our office hours without an appointment; you will find the times and our address below.

If you have them, please bring your tenancy agreement, the notice of termination, any letters from the court and your latest benefit notice.

Yours sincerely,
{{caseworker}}`,
    },
    tr: {
      subject: 'Evinizi korumanız için size yardımcı olabiliriz',
      body: `Sayın {{recipient}},

Biz, {{organisation}} bünyesindeki {{office}} danışma merkeziyiz. Evinizin, örneğin kira borçları veya bir fesih bildirimi nedeniyle tehlikede olabileceği konusunda bilgilendirildik.

Evinizi korumanız için size yardımcı olmak istiyoruz. Danışmanlığımız ücretsiz ve gizlidir. Kira borçlarının Jobcenter veya sosyal yardım dairesi tarafından üstlenilip üstlenilmeyeceğini birlikte açıklığa kavuşturabilir ve ev sahibinizle görüşebiliriz.

Lütfen en kısa sürede bizimle iletişime geçin, çünkü birlikte uymamız gereken yasal süreler vardır. Bana {{caseworkerPhone}} numaralı telefondan veya {{caseworkerEmail}} adresine e-posta göndererek ulaşabilirsiniz. Randevu almadan danışma saatlerimizde de bize gelebilirsiniz; saatleri ve adresimizi aşağıda bulabilirsiniz.

Varsa lütfen kira sözleşmenizi, fesih bildirimini, mahkemeden gelen mektupları ve son sosyal yardım kararınızı yanınızda getirin.

Saygılarımla
{{caseworker}}`,
    },
    ar: {
      subject: 'يمكننا مساعدتكم في الحفاظ على مسكنكم',
      body: `إلى {{recipient}}،
تحية طيبة وبعد،

نحن مركز الاستشارات {{office}} التابع لـ {{organisation}}. لقد علمنا أن مسكنكم قد يكون مهدداً، على سبيل المثال بسبب ديون الإيجار أو إشعار بإنهاء عقد الإيجار.

نود مساعدتكم في الحفاظ على مسكنكم. استشارتنا مجانية وسرية. يمكننا معاً أن نتحقق مما إذا كان الجوب سنتر أو مكتب الشؤون الاجتماعية سيتحمل ديون الإيجار، كما يمكننا التحدث مع المؤجر.

يرجى التواصل معنا في أقرب وقت ممكن، فهناك مواعيد قانونية نهائية يجب أن نلتزم بها معاً. يمكنكم الوصول إلي على الرقم {{caseworkerPhone}} أو عبر البريد الإلكتروني {{caseworkerEmail}}. يمكنكم أيضاً زيارتنا دون موعد مسبق خلال ساعات الاستقبال، وتجدون المواعيد والعنوان في أسفل هذه الرسالة.

إن وجدت، يرجى إحضار عقد الإيجار وإشعار إنهاء العقد والرسائل الواردة من المحكمة وآخر قرار بشأن المساعدات الاجتماعية.

مع أطيب التحيات
{{caseworker}}`,
    },
    uk: {
      subject: 'Ми можемо допомогти Вам зберегти житло',
      body: `Доброго дня, {{recipient}}!

Ми — консультаційний центр {{office}} організації {{organisation}}. Нам стало відомо, що Ви можете втратити своє житло, наприклад через борги з орендної плати або розірвання договору оренди.

Ми хочемо допомогти Вам зберегти житло. Наші консультації безкоштовні та конфіденційні. Разом ми можемо з'ясувати, чи покриє Jobcenter або соціальна служба борги з орендної плати, а також поговорити з Вашим орендодавцем.

Будь ласка, зв'яжіться з нами якомога швидше, адже існують юридичні строки, яких ми маємо дотриматися разом. Ви можете зв'язатися зі мною за телефоном {{caseworkerPhone}} або електронною поштою {{caseworkerEmail}}. Ви також можете прийти до нас без попереднього запису в години прийому; час і адресу вказано нижче.

Якщо маєте, будь ласка, візьміть із собою договір оренди, повідомлення про розірвання договору, листи із суду та останнє рішення про соціальні виплати.

З повагою
{{caseworker}}`,
    },
  },

  appointment_confirmation: {
    de: {
      subject: 'Bestätigung Ihres Termins am {{appointmentDate}}',
      body: `Guten Tag {{recipient}},

hiermit bestätigen wir Ihren Termin:

{{appointmentDate}} um {{appointmentTime}} Uhr
{{appointmentPlace}}

Ihre Ansprechperson ist {{caseworker}}.

Bitte bringen Sie, wenn vorhanden, Ihren Mietvertrag, die Kündigung, Post vom Gericht, Ihren letzten Leistungsbescheid und Ihren Personalausweis mit.

Wenn Sie den Termin nicht wahrnehmen können, sagen Sie bitte rechtzeitig ab: telefonisch unter {{caseworkerPhone}} oder per E-Mail an {{caseworkerEmail}}. Wir vereinbaren dann gern einen neuen Termin.

Mit freundlichen Grüßen
{{caseworker}}`,
    },
    de_easy: {
      subject: 'Ihr Termin bei uns',
      body: `Guten Tag {{recipient}},

Sie haben einen Termin bei uns.
Der Termin ist am {{appointmentDate}}.
Der Termin beginnt um {{appointmentTime}} Uhr.
Der Ort ist: {{appointmentPlace}}
Sie sprechen mit {{caseworker}}.

Bitte bringen Sie mit:
• Ihren Ausweis
• Ihren Miet-Vertrag
• die Kündigung
• Briefe vom Gericht

Sie können nicht kommen?
Dann rufen Sie uns bitte an: {{caseworkerPhone}}
Oder schreiben Sie uns eine E-Mail: {{caseworkerEmail}}
Dann machen wir einen neuen Termin.

Viele Grüße
{{caseworker}}`,
    },
    en: {
      subject: 'Confirmation of your appointment on {{appointmentDate}}',
      body: `Dear {{recipient}},

We are writing to confirm your appointment:

{{appointmentDate}} at {{appointmentTime}}
{{appointmentPlace}}

You will be seeing {{caseworker}}.

If you have them, please bring your tenancy agreement, the notice of termination, any letters from the court, your latest benefit notice and your identity card or passport.

If you cannot attend, please let us know in good time by phone on {{caseworkerPhone}} or by e-mail at {{caseworkerEmail}}, and we will be happy to arrange a new appointment.

Yours sincerely,
{{caseworker}}`,
    },
    tr: {
      subject: '{{appointmentDate}} tarihli randevunuzun onayı',
      body: `Sayın {{recipient}},

Randevunuzu aşağıdaki şekilde onaylıyoruz:

{{appointmentDate}}, saat {{appointmentTime}}
{{appointmentPlace}}

Görüşeceğiniz kişi: {{caseworker}}

Varsa lütfen kira sözleşmenizi, fesih bildirimini, mahkemeden gelen mektupları, son sosyal yardım kararınızı ve kimlik kartınızı veya pasaportunuzu yanınızda getirin.

Randevuya gelemeyecekseniz lütfen bunu zamanında {{caseworkerPhone}} numaralı telefondan veya {{caseworkerEmail}} adresine e-posta göndererek bize bildirin. Sizin için memnuniyetle yeni bir randevu ayarlarız.

Saygılarımla
{{caseworker}}`,
    },
    ar: {
      subject: 'تأكيد موعدكم بتاريخ {{appointmentDate}}',
      body: `إلى {{recipient}}،
تحية طيبة وبعد،

نؤكد لكم موعدكم:

{{appointmentDate}} الساعة {{appointmentTime}}
{{appointmentPlace}}

ستلتقون مع {{caseworker}}.

إن وجدت، يرجى إحضار عقد الإيجار وإشعار إنهاء العقد والرسائل الواردة من المحكمة وآخر قرار بشأن المساعدات الاجتماعية، بالإضافة إلى بطاقة الهوية أو جواز السفر.

إذا لم تتمكنوا من الحضور، يرجى إبلاغنا في وقت مبكر عبر الهاتف على الرقم {{caseworkerPhone}} أو عبر البريد الإلكتروني {{caseworkerEmail}}، وسنحدد لكم موعداً جديداً بكل سرور.

مع أطيب التحيات
{{caseworker}}`,
    },
    uk: {
      subject: 'Підтвердження Вашого запису на {{appointmentDate}}',
      body: `Доброго дня, {{recipient}}!

Підтверджуємо Ваш запис на прийом:

{{appointmentDate}} о {{appointmentTime}}
{{appointmentPlace}}

Вас прийме {{caseworker}}.

Якщо маєте, будь ласка, візьміть із собою договір оренди, повідомлення про розірвання договору, листи із суду, останнє рішення про соціальні виплати, а також посвідчення особи або паспорт.

Якщо Ви не зможете прийти, будь ласка, завчасно повідомте нас телефоном {{caseworkerPhone}} або електронною поштою {{caseworkerEmail}}. Ми охоче домовимося з Вами про новий запис.

З повагою
{{caseworker}}`,
    },
  },

  landlord: {
    de: {
      subject: 'Mietverhältnis {{tenants}}, {{tenantAddress}}',
      body: `Sehr geehrte Damen und Herren,

wir beraten {{tenants}}, {{tenantAddress}}, mit dem Ziel, das Mietverhältnis zu erhalten. Eine Schweigepflichtentbindung liegt uns vor.

Gemeinsam mit Ihrer Mieterseite klären wir, wie die Mietrückstände ausgeglichen werden können, insbesondere durch eine Übernahme der Mietschulden durch das Jobcenter oder das Sozialamt. Dafür bitten wir Sie um eine aktuelle Aufstellung des Mietkontos und um eine kurze Mitteilung, ob Sie bereit sind, das Mietverhältnis nach Ausgleich der Rückstände fortzusetzen.

Wir bitten Sie, bis zur Klärung von weiteren Schritten abzusehen. Für ein Gespräch stehe ich Ihnen gern zur Verfügung: telefonisch unter {{caseworkerPhone}} oder per E-Mail an {{caseworkerEmail}}.

Mit freundlichen Grüßen
{{caseworker}}`,
    },
    de_easy: {
      subject: 'Ihre Mieter: {{tenants}}',
      body: `Guten Tag,

wir sind eine Beratungs-Stelle.
Wir beraten {{tenants}}.
Die Adresse ist: {{tenantAddress}}
Wir dürfen mit Ihnen darüber sprechen.
Dafür haben wir eine Erlaubnis.

Es gibt Miet-Schulden.
Wir suchen eine Lösung.
Vielleicht bezahlt das Jobcenter die Miet-Schulden.
Oder das Sozial-Amt bezahlt die Miet-Schulden.

Bitte schicken Sie uns eine Liste.
Auf der Liste steht: Welche Miete ist noch nicht bezahlt?
Bitte sagen Sie uns auch:
Können Ihre Mieter in der Wohnung bleiben, wenn die Schulden bezahlt sind?

Bitte warten Sie noch mit weiteren Schritten.
Sie können uns anrufen: {{caseworkerPhone}}
Sie können uns eine E-Mail schreiben: {{caseworkerEmail}}

Viele Grüße
{{caseworker}}`,
    },
    en: {
      subject: 'Tenancy of {{tenants}}, {{tenantAddress}}',
      body: `Dear Sir or Madam,

We are advising {{tenants}}, {{tenantAddress}}, with the aim of preserving the tenancy. We hold a signed consent to share information with you.

Together with your tenant we are working out how the rent arrears can be settled, in particular through the Jobcenter or the social welfare office taking over the rent debt. For this, we would be grateful if you could send us a current statement of the rent account and let us know whether you would be willing to continue the tenancy once the arrears have been paid.

We kindly ask you to refrain from further steps until this has been clarified. I would be glad to discuss the matter with you, by phone on {{caseworkerPhone}} or by e-mail at {{caseworkerEmail}}.

Yours faithfully,
{{caseworker}}`,
    },
    tr: {
      subject: 'Kira ilişkisi: {{tenants}}, {{tenantAddress}}',
      body: `Sayın ilgili,

Kira ilişkisinin devam etmesi amacıyla {{tenantAddress}} adresinde oturan kiracınız {{tenants}} için danışmanlık yapmaktayız. Sizinle bilgi paylaşmamız için kiracınızın yazılı onayı elimizdedir.

Kiracınızla birlikte kira borçlarının nasıl ödenebileceğini, özellikle de kira borcunun Jobcenter veya sosyal yardım dairesi tarafından üstlenilmesi olasılığını araştırıyoruz. Bu amaçla bize kira hesabının güncel bir dökümünü göndermenizi ve borçlar ödendikten sonra kira ilişkisini sürdürmeye hazır olup olmadığınızı bildirmenizi rica ederiz.

Durum netleşene kadar başka adımlar atmamanızı rica ediyoruz. Görüşmek için bana {{caseworkerPhone}} numaralı telefondan veya {{caseworkerEmail}} adresinden ulaşabilirsiniz.

Saygılarımla
{{caseworker}}`,
    },
    ar: {
      subject: 'عقد الإيجار مع {{tenants}}، {{tenantAddress}}',
      body: `السادة المحترمون،
تحية طيبة وبعد،

نقدم الاستشارة إلى {{tenants}}، العنوان: {{tenantAddress}}، بهدف الحفاظ على عقد الإيجار. لدينا موافقة خطية تسمح لنا بالتواصل معكم.

نعمل مع المستأجر على إيجاد طريقة لتسديد متأخرات الإيجار، ولا سيما من خلال تحمل الجوب سنتر أو مكتب الشؤون الاجتماعية لديون الإيجار. لذلك نرجو منكم إرسال كشف حساب حديث للإيجار، وإبلاغنا بما إذا كنتم مستعدين لمواصلة عقد الإيجار بعد تسديد المتأخرات.

نرجو منكم التريث في اتخاذ أي خطوات أخرى إلى حين توضيح الأمر. يسعدني التحدث معكم عبر الهاتف على الرقم {{caseworkerPhone}} أو عبر البريد الإلكتروني {{caseworkerEmail}}.

مع أطيب التحيات
{{caseworker}}`,
    },
    uk: {
      subject: 'Договір оренди: {{tenants}}, {{tenantAddress}}',
      body: `Шановні пані та панове!

Ми консультуємо {{tenants}}, адреса: {{tenantAddress}}, з метою збереження договору оренди. Ми маємо письмову згоду на обмін інформацією з Вами.

Разом з Вашим орендарем ми з'ясовуємо, як можна погасити заборгованість з орендної плати, зокрема завдяки тому, що Jobcenter або соціальна служба візьме борг на себе. Для цього просимо надіслати нам актуальну виписку з рахунку оренди та повідомити, чи готові Ви продовжити договір оренди після погашення заборгованості.

Просимо Вас утриматися від подальших кроків до з'ясування ситуації. Я охоче обговорю з Вами це питання телефоном {{caseworkerPhone}} або електронною поштою {{caseworkerEmail}}.

З повагою
{{caseworker}}`,
    },
  },
};
